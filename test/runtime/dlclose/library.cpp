// A shared library with its own copy of the rcubox runtime (linked
// statically), loaded and unloaded by dlclose_test.cpp.
#include <rcu/rcu.hpp>

namespace {
struct Value {
  int v = 42;
};
} // namespace

// Makes this thread's first Guard (which registers it with liburcu and sets
// the thread-exit key whose destructor lives in this library) and drops a
// value.
extern "C" __attribute__((visibility("default"))) int rcubox_dl_use() {
  rcu::Pointer<Value> p(rcu::make_rcu_box<Value>());
  rcu::Guard g;
  return p.load(g)->v;
}
