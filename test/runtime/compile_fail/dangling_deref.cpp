// Must warn under Clang (an error under -Werror): a reference kept from a
// temporary box dangles once the box is dropped at the end of the
// full-expression; nothing (no Guard) keeps the value alive.
#include <rcu/rcu.hpp>
struct S {
  int v = 7;
};
int f() {
  const S &r = *rcu::make_rcu_box<S>();
  return r.v;
}
