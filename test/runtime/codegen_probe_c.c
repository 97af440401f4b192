/* The reference compiled as C: liburcu's inline memb read path exactly as a
 * C programmer gets it (no read-back of the volatile nesting-counter stores,
 * which liburcu's macros cost when compiled as C++). check_codegen.sh
 * compares the rcubox probes' hot paths with this one. */
#define _LGPL_SOURCE
#include <urcu/urcu-memb.h>

int raw_c_probe_load(int *const *pp) {
  urcu_memb_read_lock();
  const int *v = rcu_dereference(*pp);
  int r = v ? *v : -1;
  urcu_memb_read_unlock();
  return r;
}
