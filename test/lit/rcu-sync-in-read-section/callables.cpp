// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-sync-in-read-section %s
// Calls through a local function pointer or std::function, and callables
// handed to library functions that call them on the spot, run what the local
// surely holds: the function it was initialised with, if nothing changes it.
#include <algorithm>
#include <functional>
#include <rcu/guard.hpp>
#include <thread>
#include <vector>

void consume(int);
void drain() { rcu::synchronize(); } // expected-note 5 {{'drain' calls 'rcu::synchronize' here}}
void tidy() { consume(0); }

void through_function_pointer() {
  void (*step)() = drain;
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  step(); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

void through_address_and_auto() {
  auto step = &drain;
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  (*step)(); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

void through_std_function() {
  std::function<void()> settle = [] { rcu::barrier(); }; // expected-note {{the lambda calls 'rcu::barrier' here}}
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  settle(); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

void std_function_of_function() {
  const std::function<void()> f = drain;
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  f(); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

void pointer_through_invoke() {
  auto step = &drain;
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  std::invoke(step); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

void function_name_through_for_each(std::vector<int> &v) {
  void (*each)(int) = [](int) { rcu::synchronize(); }; // expected-note {{the lambda calls 'rcu::synchronize' here}}
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  std::for_each(v.begin(), v.end(), each); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

void function_directly_through_invoke() {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  std::invoke(drain); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

struct Updater {
  void flush() { rcu::barrier(); } // expected-note {{'Updater::flush' calls 'rcu::barrier' here}}
  void note() { consume(2); }
};
void through_member_function_pointer(Updater &u, Updater *p) {
  void (Updater::*fn)() = &Updater::flush;
  void (Updater::*harmless)() = &Updater::note;
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  (p->*harmless)();
  (u.*fn)(); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

// Negatives.
void harmless_pointer() {
  void (*step)() = tidy;
  rcu::Guard g;
  step();
}

void reassigned_pointer(bool late) {
  void (*step)() = drain;
  if (!late)
    step = tidy; // Not surely 'drain' any more: unknown, so silent.
  rcu::Guard g;
  step();
}

void pointer_called_after_section() {
  std::function<void()> settle = drain;
  {
    rcu::Guard g;
    consume(1);
  }
  settle();
}

void pointer_handed_to_thread() {
  rcu::Guard g;
  std::thread t(drain); // Runs on the new thread, in no section of this one.
  t.detach();
}

void parameter_pointer(void (*step)()) {
  rcu::Guard g;
  step(); // Unknown: a parameter could hold anything.
}
