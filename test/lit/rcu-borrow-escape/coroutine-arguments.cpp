// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// A coroutine's frame keeps its reference and pointer arguments for as long
// as its task lives: a lazily started task made from a borrow holds it.
#include "routes.h"
#include <coroutine>
#include <exception>
#include <utility>
#include <vector>

struct Job {
  struct promise_type {
    Job get_return_object() {
      return Job{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  explicit Job(std::coroutine_handle<promise_type> h) : h(h) {}
  Job(Job &&o) noexcept : h(std::exchange(o.h, {})) {}
  ~Job() {
    if (h)
      h.destroy();
  }
  void resume() {
    if (h && !h.done())
      h.resume();
  }
  std::coroutine_handle<promise_type> h;
};

Job announce(const Route &r) {
  consume_int(r.key);
  co_await std::suspend_always{};
  consume(r);
}
Job announce_copy(Route r) {
  co_await std::suspend_always{};
  consume(r);
}
Job announce_declared(const Route *r); // defined elsewhere

std::vector<Job> g_jobs;

void queued_globally(const RoutePtr &p) {
  rcu::Guard g;
  g_jobs.push_back(announce(*p.load(g))); // expected-warning {{escapes the read-side critical section of 'g': stored in variable 'g_jobs' with static storage duration}}
}

Job returned(const RoutePtr &p) {
  rcu::Guard g;
  return announce_declared(p.load(g)); // expected-warning {{returning a value holding a pointer into RCU-protected data}}
}

// Silent: the task runs to its end and dies inside the section.
void run_inside(const RoutePtr &p) {
  rcu::Guard g;
  Job j = announce(*p.load(g));
  j.resume();
  j.resume();
}

// Silent: the coroutine takes a copy of the value.
void queued_copy(const RoutePtr &p) {
  rcu::Guard g;
  g_jobs.push_back(announce_copy(*p.load(g)));
}
