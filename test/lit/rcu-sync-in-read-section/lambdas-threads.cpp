// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-sync-in-read-section %s
// A lambda's body counts where the lambda is called, not where it is written.
#include <rcu/guard.hpp>
#include <algorithm>
#include <functional>
#include <thread>
#include <vector>

void consume(int);

void lambda_called_later() {
  auto wait = [] { rcu::synchronize(); };
  {
    rcu::Guard g;
    consume(1);
  }
  wait();
}

void lambda_defined_in_section_called_after() {
  std::function<void()> later;
  {
    rcu::Guard g;
    later = [] { rcu::barrier(); };
  }
  later();
}

void lambda_called_in_section() {
  auto wait = [] { rcu::synchronize(); }; // expected-note {{the lambda calls 'rcu::synchronize' here}}
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  wait(); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

void lambda_through_invoke() {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  std::invoke([] { rcu::barrier(); }); // expected-warning {{read-side critical section of 'g' deadlocks}} expected-note {{the lambda calls 'rcu::barrier' here}}
}

void lambda_through_for_each(const std::vector<int> &v) {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  std::for_each(v.begin(), v.end(), [](int) { rcu::synchronize(); }); // expected-warning {{read-side critical section of 'g' deadlocks}} expected-note {{the lambda calls 'rcu::synchronize' here}}
}

void harmless_lambda_through_for_each(const std::vector<int> &v) {
  rcu::Guard g;
  std::for_each(v.begin(), v.end(), [](int x) { consume(x); });
}

void thread_with_its_own_guard() {
  std::thread t([] {
    {
      rcu::Guard g;
      consume(1);
    }
    rcu::synchronize();
  });
  t.join();
}

void thread_started_under_guard_waits_on_its_own_thread() {
  rcu::Guard g;
  std::thread t([] { rcu::synchronize(); });
  t.detach();
}

void guard_inside_the_thread_body() {
  std::thread t([] {
    rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
    rcu::synchronize(); // expected-warning {{read-side critical section of 'g' deadlocks}}
  });
  t.join();
}

void lambda_with_guard_param() {
  auto f = [](const rcu::Guard &g) { // expected-note {{'g' is a guard parameter}}
    rcu::barrier(); // expected-warning {{read-side critical section of 'g' deadlocks}}
  };
  rcu::Guard g;
  f(g); // Reported once, in the lambda: it runs inside this section.
}
