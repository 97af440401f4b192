// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// Rule 4: lambdas and threads that outlive the guard.
#include "routes.h"
#include <functional>
#include <optional>
#include <future>
#include <thread>
#include <vector>

std::function<int()> g_callback;

std::function<int()> return_capturing_lambda(const RouteBox &b) {
  rcu::Guard g;
  const Route &r = b.with_rcu(g);
  return [&r] { return r.key; }; // expected-warning {{returning a lambda capturing a borrow of RCU-protected data that outlives the read-side critical section of 'g'}}
}

auto return_pointer_copy_lambda(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  return [r] { return r->key; }; // expected-warning {{returning a lambda capturing a borrow}}
}

int store_in_outer_function(const RoutePtr &ptr) {
  std::function<int()> later;
  {
    rcu::Guard g;
    const Route *r = ptr.load(g);
    later = [r] { return r->key; }; // expected-warning {{lambda capturing a borrow of RCU-protected data escapes the read-side critical section of 'g': stored in 'later', which outlives the guard}}
  }
  return later();
}

void store_in_global_function(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  g_callback = [r] { return r->key; }; // expected-warning {{stored in variable 'g_callback' with static storage duration}}
}

void init_capture(const RoutePtr &ptr) {
  std::function<int()> later;
  {
    rcu::Guard g;
    later = [r = ptr.load(g)] { return r->key; }; // expected-warning {{stored in 'later', which outlives the guard}}
  }
}

// A thread outlives the read-side section unless the object that owns it
// ends first: it is detached, moved away, or owned beyond the guard's scope.
void hand_to_detached_thread(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  std::thread t([r] { consume_ptr(r); }); // expected-warning {{lambda capturing a borrow of RCU-protected data is handed to 'std::thread', whose thread may outlive the read-side critical section of 'g'}}
  t.detach();
}

void pointer_argument_to_thread(const RoutePtr &ptr) {
  rcu::Guard g;
  std::thread t(consume_ptr, ptr.load(g)); // expected-warning {{pointer into RCU-protected data is handed to 'std::thread'}}
  t.detach();
}

void temporary_thread_detached(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  std::thread([r] { consume_ptr(r); }).detach(); // expected-warning {{is handed to 'std::thread'}}
}

void thread_moved_into_outer_pool(const RouteBox &b,
                                  std::vector<std::jthread> &pool) {
  rcu::Guard g;
  const Route &r = b.with_rcu(g);
  pool.emplace_back([&] { consume(r); }); // expected-warning {{is handed to 'std::jthread'}}
}

void thread_moved_out_of_its_local(const RouteBox &b,
                                   std::vector<std::jthread> &pool) {
  rcu::Guard g;
  const Route &r = b.with_rcu(g);
  std::jthread t([&] { consume(r); }); // expected-warning {{is handed to 'std::jthread'}}
  pool.push_back(std::move(t));
}

void thread_owned_beyond_the_guard(const RoutePtr &ptr) {
  std::optional<std::jthread> worker;
  std::jthread t;
  {
    rcu::Guard g;
    const Route *r = ptr.load(g);
    worker.emplace([r] { consume_ptr(r); }); // expected-warning {{is handed to 'std::jthread'}}
    std::jthread inner([r] { consume_ptr(r); }); // expected-warning {{is handed to 'std::jthread'}}
    t = std::move(inner);
  }
}

void pool_outside_the_guard(const RoutePtr &ptr) {
  std::vector<std::jthread> pool;
  {
    rcu::Guard g;
    pool.emplace_back(consume_ptr, ptr.load(g)); // expected-warning {{pointer into RCU-protected data is handed to 'std::jthread'}}
  }
}

void pool_detached(const RoutePtr &ptr) {
  rcu::Guard g;
  std::vector<std::thread> pool;
  pool.emplace_back(consume_ptr, ptr.load(g)); // expected-warning {{is handed to 'std::thread'}}
  for (std::thread &t : pool)
    t.detach();
}

struct Worker {
  Worker(const rcu::Guard &g, const RoutePtr &ptr)
      : thread(consume_ptr, ptr.load(g)) {} // expected-warning {{is handed to 'std::jthread'}}
  std::jthread thread;
};

void futures_outside_the_guard(const RoutePtr &ptr,
                               std::vector<std::future<int>> &results) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  results.push_back(std::async(std::launch::async, [r] { return r->key; })); // expected-warning {{is handed to 'std::async'}}
}

std::jthread return_thread(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  return std::jthread([r] { consume_ptr(r); }); // expected-warning {{is handed to 'std::jthread'}}
}

std::future<int> return_async_result(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  return std::async(std::launch::async, [r] { return r->key; }); // expected-warning {{is handed to 'std::async'}}
}

std::shared_future<int> share_async_result(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  auto fut = std::async(std::launch::async, [r] { return r->key; }); // expected-warning {{is handed to 'std::async'}}
  return fut.share();
}

void thread_from_temporary_guard(const RoutePtr &ptr) {
  std::jthread t(consume_ptr, ptr.load(rcu::Guard{})); // expected-warning {{is handed to 'std::jthread'}}
}

// Silent: the owner of the thread ends inside the read-side section, and its
// end joins (std::jthread), waits (std::async's future) or terminates the
// program (a std::thread still joinable), so the thread cannot run past it.
void joined_thread(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  std::thread t([r] { consume_ptr(r); });
  if (t.joinable())
    t.join();
}

void scoped_jthread(const RouteBox &b) {
  rcu::Guard g;
  const Route &r = b.with_rcu(g);
  std::jthread t([&] { consume(r); });
}

void jthread_in_inner_scope(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  for (int i = 0; i < 2; ++i) {
    std::jthread t(consume_ptr, r);
    t.request_stop();
  }
}

int awaited_async(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  auto fut = std::async(std::launch::async, [r] { return r->key; });
  return fut.get();
}

int async_result_used_at_once(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  return std::async(std::launch::async, [r] { return r->key; }).get();
}

void discarded_async_result_waits(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  (void)std::async(std::launch::async, [r] { consume_ptr(r); });
}

void local_pool(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  std::vector<std::jthread> pool;
  pool.reserve(2);
  for (int i = 0; i < 2; ++i)
    pool.emplace_back([r] { consume_ptr(r); });
}

void local_pool_joined(const RoutePtr &ptr) {
  rcu::Guard g;
  std::vector<std::thread> pool;
  for (int i = 0; i < 2; ++i)
    pool.emplace_back(consume_ptr, ptr.load(g));
  for (auto &t : pool)
    if (t.joinable())
      t.join();
}

int local_futures(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  std::vector<std::future<int>> results;
  for (int i = 0; i < 2; ++i)
    results.push_back(std::async(std::launch::async, [r, i] { return r->key + i; }));
  int sum = 0;
  for (auto &f : results)
    sum += f.get();
  return sum;
}

void temporary_thread_joined(const RoutePtr &ptr, bool twice) {
  rcu::Guard g;
  std::thread(consume_ptr, ptr.load(g)).join();
  if (twice)
    std::thread(consume_ptr, ptr.load(g)).join();
}

int call_after_guard(const RoutePtr &ptr) {
  const Route *r = nullptr;
  {
    rcu::Guard g;
    r = ptr.load(g);
  }
  auto f = [r] { return r->key; }; // expected-warning {{pointer into RCU-protected data is used after}}
  return f();
}

// --- Silent ---

int lambda_called_in_scope(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  auto f = [&] { return r->key; };
  std::function<int()> h = [r] { return r->key; };
  return f() + h();
}

int lambda_takes_its_own_guard(const RoutePtr &ptr) {
  std::function<int()> later = [&ptr] {
    rcu::Guard g;
    return ptr.load(g)->key;
  };
  return later();
}

void thread_reads_under_its_own_guard(const RoutePtr &ptr) {
  std::thread t([&ptr] {
    rcu::Guard g;
    if (const Route *r = ptr.load(g))
      consume(*r);
  });
  t.join();
}

void thread_gets_a_copy(const RoutePtr &ptr) {
  Route copy;
  {
    rcu::Guard g;
    copy = *ptr.load(g);
  }
  std::thread t([copy] { consume(copy); });
  t.join();
}

// A lambda storing into a variable it captured by reference hands the borrow
// to the enclosing function, beyond the lambda's own guard.
int store_into_reference_capture(const RoutePtr &p) {
  const Route *r = nullptr;
  auto load = [&] {
    rcu::Guard g;
    r = p.load(g); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in 'r', captured by reference from the enclosing function}}
  };
  load();
  return r->key;
}

// Silent: the lambda borrows from the enclosing function's guard or from a
// guard its caller passes; a by-copy capture is the lambda's own.
int store_into_capture_silent(const RoutePtr &p) {
  rcu::Guard outer;
  const Route *r = nullptr;
  auto from_outer = [&] { r = p.load(outer); };
  from_outer();
  auto from_param = [&](const rcu::Guard &g) { r = p.load(g); };
  from_param(outer);
  auto own_copy = [r]() mutable {
    rcu::Guard g;
    r = nullptr;
    return r;
  };
  own_copy();
  return r->key;
}
