// A value whose destructor may throw cannot be boxed: it would be destroyed
// on liburcu's call_rcu thread, where the exception terminates the process.
#include <rcu/rcu.hpp>

struct Throws {
  ~Throws() noexcept(false) {}
};

void drop() { (void)rcu::make_rcu_box<Throws>(); }
