// Declarations whose definitions wait for a grace period, without the marker
// that tells other translation units so.
#include <rcu/guard.hpp>

void compact_tables();
struct Store {
  void reload();
  void reload_all();
  template <class T> void visit(T);
};
RCU_WAITS_FOR_GRACE_PERIOD void already_marked();
