// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-guard-misuse %s
// A class holding a guard (a user's read-section wrapper) is a guard itself:
// a local one is fine, a static, thread_local or heap one is reported with
// the member that makes it a guard.
#include <memory>
#include <rcu/guard.hpp>

void use(int);

class Section {
public:
  explicit Section(int id) : id_(id) {}
  int id() const { return id_; }

private:
  rcu::Guard guard_; // expected-note 6 {{'Section' holds a guard in member 'guard_'}}
  int id_;
};

struct Outer {
  Section inner_{0}; // expected-note {{'Outer' holds a guard in member 'inner_'}}
};

struct Derived : rcu::Guard { // expected-note {{'Derived' is a guard through its base 'rcu::Guard'}}
  int extra = 0;
};

void local_wrapper() {
  Section s(1);
  use(s.id());
}

void nested_local_wrappers() {
  Section outer(1);
  {
    Section inner(2);
    use(inner.id());
  }
}

void static_wrapper() {
  static Section s(2); // expected-warning {{'s', which holds a guard, is a static local variable: its read-side critical section would last until the program exits}}
  use(s.id());
}

thread_local Section per_thread(3); // expected-warning {{'per_thread', which holds a guard, is thread_local}}

Section global_wrapper(4); // expected-warning {{'global_wrapper', which holds a guard, is a global variable}}

void heap_wrapper() {
  Section *s = new Section(5); // expected-warning {{the new-expression allocates an object of type 'Section', which holds a guard, on the heap}}
  delete s;
}

void unique_wrapper() {
  auto s = std::make_unique<Section>(6); // expected-warning {{'std::make_unique<Section, int>' creates an object of type 'Section', which holds a guard, on the heap}}
}

Outer global_outer; // expected-warning {{'global_outer', which holds a guard, is a global variable}}

static Derived derived_guard; // expected-warning {{guard 'derived_guard' is a global variable}}

// Pointers and references to a guard do not make a class a guard.
struct Borrower {
  const rcu::Guard *guard;
  int value;
};
static Borrower borrower;

struct Remembers {
  const rcu::Guard &guard;
};
void local_reference_holder(const rcu::Guard &g) {
  Remembers r{g};
  (void)r;
}
