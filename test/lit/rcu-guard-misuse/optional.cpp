// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-guard-misuse %s
// A guard in a std::optional begins and ends its section wherever emplace()
// and reset() happen to be called, not where a scope shows it.
#include <optional>
#include <rcu/guard.hpp>

void use(int);
bool wanted();

void optional_local() {
  std::optional<rcu::Guard> g; // expected-warning {{'g' holds a guard of type 'rcu::Guard' in a std::optional: its read-side critical section begins and ends where no scope shows it; use a local guard in a block instead}}
  if (wanted())
    g.emplace(); // Reported once, at the declaration.
  use(1);
}

void optional_in_place() {
  std::optional<rcu::Guard> g(std::in_place); // expected-warning {{'g' holds a guard of type 'rcu::Guard' in a std::optional}}
  use(2);
}

struct Reader {
  std::optional<rcu::Guard> section_; // expected-warning {{member 'section_' holds a guard of type 'rcu::Guard' in a std::optional}}
  void begin() { section_.emplace(); }
  void end() { section_.reset(); }
};

void emplace_through_reference(std::optional<rcu::Guard> &g) {
  g.emplace(); // expected-warning {{'std::optional<rcu::Guard>::emplace' creates a guard of type 'rcu::Guard' inside a std::optional: its read-side critical section begins and ends where no scope shows it}}
}

void emplace_through_pointer(std::optional<rcu::Guard> *g) {
  g->emplace(); // expected-warning {{'std::optional<rcu::Guard>::emplace' creates a guard of type 'rcu::Guard' inside a std::optional}}
}

// Not a guard: silent.
void optional_of_other_things(const rcu::Guard &g) {
  std::optional<int> number;
  number.emplace(3);
  std::optional<const rcu::Guard *> borrowed;
  borrowed.emplace(&g);
}
