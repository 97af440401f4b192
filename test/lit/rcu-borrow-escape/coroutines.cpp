// RUN: %rcu_verify -I %inputs %s
// `co_return` hands its value to the coroutine's caller and `co_yield` to
// its consumer, as a return does: a borrow of the coroutine's own guard
// outlives the read-side section there.
#include "routes.h"
#include <coroutine>
#include <string>
#include <string_view>

template <class T> struct Task {
  struct promise_type {
    T value{};
    Task get_return_object() {
      return Task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(T v) { value = v; }
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> handle;
};

template <class T> struct Generator {
  struct promise_type {
    T current{};
    Generator get_return_object() {
      return Generator{
          std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T v) {
      current = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> handle;
};

Task<const Route *> find(const RoutePtr &p) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  const Route *r = p.load(g); // expected-note {{the borrow is taken from 'g' here}}
  co_return r; // expected-warning {{returning a pointer into RCU-protected data that outlives the read-side critical section of 'g'}}
} // expected-note {{the read-side critical section of 'g' ends here}}

Task<std::string_view> name_of(const RoutePtr &p) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  co_return p.load(g)->name; // expected-warning {{returning a view into RCU-protected data that outlives the read-side critical section of 'g'}} expected-note {{the borrow is taken from 'g' here}}
} // expected-note {{the read-side critical section of 'g' ends here}}

Generator<const Route *> each(const RoutePtr &a, const RoutePtr &b) {
  rcu::Guard g; // expected-note 2 {{guard 'g' is declared here}}
  co_yield a.load(g); // expected-warning {{returning a pointer into RCU-protected data that outlives the read-side critical section of 'g'}} expected-note {{the borrow is taken from 'g' here}}
  co_yield b.load(g); // expected-warning {{returning a pointer into RCU-protected data that outlives the read-side critical section of 'g'}} expected-note {{the borrow is taken from 'g' here}}
} // expected-note 2 {{the read-side critical section of 'g' ends here}}

// Silent.

Task<int> key_of(const RoutePtr &p) {
  rcu::Guard g;
  co_return p.load(g)->key;
}

Task<std::string> name_copy(const RoutePtr &p) {
  rcu::Guard g;
  co_return p.load(g)->name;
}

Generator<int> keys(const RoutePtr &a, const RoutePtr &b) {
  rcu::Guard g;
  co_yield a.load(g)->key;
  co_yield b.load(g)->key;
}

Task<const Route *> find_in(const RoutePtr &p, const rcu::Guard &g RCU_BORROW) {
  co_return p.load(g);
}
