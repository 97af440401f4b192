// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// std::bind, std::bind_front, std::function, std::packaged_task and lambdas
// built from a borrow hold that borrow: kept beyond the section they are
// escapes; called inside it they are fine.
#include "routes.h"
#include <functional>
#include <future>

static int key_of(const Route *r) { return r->key; }

std::function<int()> g_callback;

auto bind_returned(const RoutePtr &p) {
  rcu::Guard g;
  const Route *r = p.load(g);
  return std::bind(key_of, r); // expected-warning {{returning a value holding a pointer into RCU-protected data that outlives the read-side critical section of 'g'}}
}

auto bind_front_returned(const RoutePtr &p) {
  rcu::Guard g;
  return std::bind_front(key_of, p.load(g)); // expected-warning {{outlives the read-side critical section of 'g'}}
}

std::function<int()> function_from_bind_returned(const RoutePtr &p) {
  rcu::Guard g;
  const Route *r = p.load(g);
  std::function<int()> f = std::bind(key_of, r);
  return f; // expected-warning {{returning a lambda capturing a borrow of RCU-protected data that outlives the read-side critical section of 'g'}}
}

void bind_stored_in_global(const RoutePtr &p) {
  rcu::Guard g;
  const Route *r = p.load(g);
  g_callback = std::bind(key_of, r); // expected-warning {{escapes the read-side critical section of 'g': stored in variable 'g_callback' with static storage duration}}
}

int bind_called_after_the_section(const RoutePtr &p) {
  std::function<int()> later;
  {
    rcu::Guard g;
    const Route *r = p.load(g);
    later = std::bind_front(key_of, r); // expected-warning {{escapes the read-side critical section of 'g': stored in 'later', which outlives the guard}}
  }
  return later();
}

int bound_local_used_after(const RoutePtr &p) {
  const Route *r;
  {
    rcu::Guard g;
    r = p.load(g);
  }
  auto f = std::bind(key_of, r); // expected-warning {{used after the read-side critical section of 'g' ended}}
  return f();
}

std::packaged_task<int()> task_returned(const RoutePtr &p) {
  rcu::Guard g;
  const Route *r = p.load(g);
  std::packaged_task<int()> task([r] { return r->key; });
  return task; // expected-warning {{returning a lambda capturing a borrow of RCU-protected data that outlives the read-side critical section of 'g'}}
}

class Cache {
public:
  void remember(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    refresh_ = std::bind(key_of, r); // expected-warning {{escapes the read-side critical section of 'g': stored in member 'refresh_'}}
  }

private:
  std::function<int()> refresh_;
};

// --- Silent: called inside the section, or bound to a copy. ---

int bind_called_in_section(const RoutePtr &p) {
  rcu::Guard g;
  const Route *r = p.load(g);
  auto f = std::bind(key_of, r);
  auto h = std::bind_front(key_of, r);
  std::function<int()> w = std::bind(key_of, r);
  return f() + h() + w();
}

int task_run_in_section(const RoutePtr &p) {
  rcu::Guard g;
  const Route *r = p.load(g);
  std::packaged_task<int()> task([r] { return r->key; });
  std::future<int> result = task.get_future();
  task();
  return result.get();
}

std::function<int()> bind_a_copy(const RoutePtr &p) {
  rcu::Guard g;
  int key = p.load(g)->key;
  return std::bind([](int k) { return k; }, key);
}

void copy_in_global(const RoutePtr &p) {
  rcu::Guard g;
  Route copy = *p.load(g);
  g_callback = std::bind([](const Route &c) { return c.key; }, copy);
}
