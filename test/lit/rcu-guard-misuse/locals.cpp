// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-guard-misuse %s
// expected-no-diagnostics
// The right places for a guard: automatic locals, of any block, nested or
// not, and references to a caller's guard.
#include <rcu/guard.hpp>
#include <optional>

void use(int);

void local_guard() {
  rcu::Guard g;
  use(1);
}

void nested_local_guards() {
  rcu::Guard outer;
  {
    rcu::Guard inner;
    use(2);
  }
  use(3);
}

void reads_under_callers_guard(const rcu::Guard &g) { use(4); }

void passes_its_guard() {
  rcu::Guard g;
  reads_under_callers_guard(g);
}

int value();

void if_init_statement() {
  if (rcu::Guard g; value() > 0)
    use(5);
}

void for_init_statement() {
  for (rcu::Guard g; value() > 0;)
    use(6);
}

void guard_in_loop_body() {
  for (int i = 0; i < 3; ++i) {
    rcu::Guard g;
    use(i);
  }
}

void reference_to_local(rcu::Guard &g) {
  rcu::Guard &same = g;
  (void)same;
}

void optional_of_something_else() {
  std::optional<int> value;
  std::optional<const rcu::Guard *> pointer;
  value.emplace(1);
}

void temporary_guard_for_one_expression(int (*read)(const rcu::Guard &)) {
  use(read(rcu::Guard{}));
}
