// Cases for the comparison table of docs/checks/rcu-guard-misuse.md, built by
// thread_safety.py. Each case runs from its "CASE:" line to the next; "bug"
// cases break the read-side section, "ok" cases are correct code that must
// stay silent.
#include <memory>
#include <optional>
#include <rcu/rcu.hpp>
#include <thread>
#include <vector>

struct Route {
  int next_hop;
};
void use(int);
int lookup(const rcu::Guard &, int key);

// CASE: bug | a namespace-scope guard
rcu::Guard global_guard;

// CASE: bug | a `static` local guard
void static_local() {
  static rcu::Guard g;
  use(lookup(g, 1));
}

// CASE: bug | a `thread_local` guard
thread_local rcu::Guard per_thread_guard;

// CASE: bug | a guard made with `new`
void heap_new() {
  auto *g = new rcu::Guard;
  use(lookup(*g, 2));
  delete g;
}

// CASE: bug | a guard made with `std::make_unique`
void heap_unique() {
  auto g = std::make_unique<rcu::Guard>();
  use(lookup(*g, 3));
}

// CASE: bug | a guard in `std::optional`
void optional_guard(bool fast) {
  std::optional<rcu::Guard> g;
  if (fast)
    g.emplace();
  use(fast ? lookup(*g, 4) : 0);
}

// CASE: bug | a discarded guard temporary
void discarded() {
  rcu::Guard{};
  use(5);
}

// CASE: bug | a guard captured by reference by a thread
void shared_with_thread() {
  rcu::Guard g;
  std::thread t([&g] { use(lookup(g, 6)); });
  t.join();
}

// CASE: bug | a guard's address stored in a global
const rcu::Guard *last_guard;
void address_escapes() {
  rcu::Guard g;
  last_guard = &g;
  use(lookup(g, 7));
}

// CASE: bug | a static read-section wrapper (a class holding a guard)
struct Section {
  rcu::Guard guard;
  int key;
};
void static_wrapper() {
  static Section s{{}, 8};
  use(lookup(s.guard, s.key));
}

// CASE: ok | a local guard
void local_guard() {
  rcu::Guard g;
  use(lookup(g, 9));
}

// CASE: ok | nested local guards
void nested_guards() {
  rcu::Guard outer;
  {
    rcu::Guard inner;
    use(lookup(inner, 10));
  }
  use(lookup(outer, 11));
}

// CASE: ok | a guard parameter by reference
int through_parameter(const rcu::Guard &g) { return lookup(g, 12); }

// CASE: ok | a guard temporary used by its full-expression
void temporary_in_expression() { use(lookup(rcu::Guard{}, 13)); }

// CASE: ok | a guard created inside the thread's own body
void guard_in_thread() {
  std::thread t([] {
    rcu::Guard g;
    use(lookup(g, 14));
  });
  t.join();
}

// CASE: ok | a local read-section wrapper
void local_wrapper() {
  Section s{{}, 15};
  use(lookup(s.guard, s.key));
}

// CASE: ok | a guard in an `if` init-statement
void if_init(int key) {
  if (rcu::Guard g; lookup(g, key) > 0)
    use(key);
}

// CASE: ok | `std::optional` of a value read under a guard
void optional_value() {
  std::optional<int> hop;
  {
    rcu::Guard g;
    hop = lookup(g, 16);
  }
  use(hop.value_or(0));
}
// END
