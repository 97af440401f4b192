// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -DWITH_LIBURCU %s
// expected-no-diagnostics
// A project's own functions that happen to share liburcu's names (a kernel
// compatibility layer, another RCU library) are not liburcu's: only
// functions declared in liburcu's headers are modelled, even with liburcu
// included in the same translation unit.
#ifdef WITH_LIBURCU
#include <urcu/rculfhash.h>
#endif

void rcu_read_lock(void);
void rcu_read_unlock(void);
void urcu_memb_read_lock(void);
void urcu_memb_read_unlock(void);

int unrelated(int err) {
  rcu_read_lock();
  if (err)
    return err;
  rcu_read_unlock();
  return 0;
}

int unrelated_mapped_name(int err) {
  urcu_memb_read_lock();
  if (err)
    return err;
  urcu_memb_read_unlock();
  urcu_memb_read_unlock();
  return 0;
}
