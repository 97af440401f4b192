// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-guard-misuse %s
// A guard on the heap ends its section wherever, and on whichever thread,
// it is destroyed: new-expressions, std::make_unique/make_shared, and
// library containers that create their elements.
#include <deque>
#include <list>
#include <memory>
#include <rcu/guard.hpp>
#include <vector>

void use(int);

void new_expression() {
  rcu::Guard *g = new rcu::Guard; // expected-warning {{the new-expression allocates a guard of type 'rcu::Guard' on the heap: its read-side critical section ends wherever it is destroyed, on whichever thread destroys it}}
  use(1);
  delete g;
}

void new_array() {
  auto *gs = new rcu::Guard[2]; // expected-warning {{the new-expression allocates a guard of type 'rcu::Guard' on the heap}}
  delete[] gs;
}

void placement_new(void *buffer) {
  new (buffer) rcu::Guard; // expected-warning {{the new-expression allocates a guard of type 'rcu::Guard' on the heap}}
}

void make_unique_guard() {
  auto g = std::make_unique<rcu::Guard>(); // expected-warning {{'std::make_unique<rcu::Guard>' creates a guard of type 'rcu::Guard' on the heap: its read-side critical section ends wherever it is destroyed}}
  use(2);
}

void make_shared_guard() {
  auto g = std::make_shared<rcu::Guard>(); // expected-warning {{'std::make_shared<rcu::Guard>' creates a guard of type 'rcu::Guard' on the heap}}
  use(3);
}

void list_element() {
  std::list<rcu::Guard> guards;
  guards.emplace_back(); // expected-warning {{'std::list<rcu::Guard>::emplace_back' creates a guard of type 'rcu::Guard' on the heap}}
}

void deque_element() {
  std::deque<rcu::Guard> guards;
  guards.emplace_front(); // expected-warning {{'std::deque<rcu::Guard>::emplace_front' creates a guard of type 'rcu::Guard' on the heap}}
}

void vector_of_guards() {
  std::vector<rcu::Guard> guards(2); // expected-warning {{'std::vector<rcu::Guard>' creates a guard of type 'rcu::Guard' on the heap}}
}

// No guard is created: nothing to report.
void empty_containers_and_pointers() {
  std::unique_ptr<rcu::Guard> none;
  std::list<rcu::Guard> empty;
  std::vector<rcu::Guard *> pointers;
  auto number = std::make_unique<int>(4);
  use(*number);
}
