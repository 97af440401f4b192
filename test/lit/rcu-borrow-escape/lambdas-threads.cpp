// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// Rule 4: lambdas and threads that outlive the guard.
#include "routes.h"
#include <functional>
#include <future>
#include <thread>

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

void hand_to_thread(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  std::thread t([r] { consume_ptr(r); }); // expected-warning {{lambda capturing a borrow of RCU-protected data is handed to 'std::thread', whose thread may outlive the read-side critical section of 'g'}}
  t.join();
}

void hand_to_jthread(const RouteBox &b) {
  rcu::Guard g;
  const Route &r = b.with_rcu(g);
  std::jthread t([&] { consume(r); }); // expected-warning {{is handed to 'std::jthread'}}
}

void pointer_argument_to_thread(const RoutePtr &ptr) {
  rcu::Guard g;
  std::thread t(consume_ptr, ptr.load(g)); // expected-warning {{pointer into RCU-protected data is handed to 'std::thread'}}
  t.detach();
}

int hand_to_async(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  auto fut = std::async(std::launch::async, [r] { return r->key; }); // expected-warning {{is handed to 'std::async'}}
  return fut.get();
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
