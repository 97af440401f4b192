// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -DFLAVOUR=\"urcu.h\" %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -DFLAVOUR=\"urcu.h\" -D_LGPL_SOURCE %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -DFLAVOUR=\"urcu.h\" -DRCU_MB -D_LGPL_SOURCE %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -DFLAVOUR=\"urcu.h\" -DRCU_SIGNAL %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -DFLAVOUR=\"urcu-bp.h\" %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -DFLAVOUR=\"urcu-bp.h\" -D_LGPL_SOURCE %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -DFLAVOUR=\"urcu/urcu-memb.h\" -DLOCK=urcu_memb_read_lock -DUNLOCK=urcu_memb_read_unlock %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -DFLAVOUR=\"urcu/urcu-signal.h\" -DLOCK=urcu_signal_read_lock -DUNLOCK=urcu_signal_read_unlock %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -DFLAVOUR=\"urcu/urcu-mb.h\" -DLOCK=_urcu_mb_read_lock -DUNLOCK=_urcu_mb_read_unlock -D_LGPL_SOURCE %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -DFLAVOUR=\"urcu/urcu-bp.h\" -DLOCK=urcu_bp_read_lock -DUNLOCK=urcu_bp_read_unlock -D_LGPL_SOURCE %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -DFLAVOUR=\"urcu.h\" -DLOCK=rcu_read_lock_memb -DUNLOCK=rcu_read_unlock_memb %s
// Every flavour but QSBR, under the rcu_* names the top-level headers map
// (urcu.h: memb by default, RCU_MB, RCU_SIGNAL; urcu-bp.h), under its own
// urcu_<flavour>_* names (urcu/urcu-<flavour>.h), the inline
// _urcu_<flavour>_* forms and the legacy rcu_*_<flavour> names, inline
// (_LGPL_SOURCE) or not.
#include FLAVOUR

#ifndef LOCK
#define LOCK rcu_read_lock
#define UNLOCK rcu_read_unlock
#endif

int mapped_names(int err) {
  LOCK(); // expected-note {{read-side critical section opened here}}
  if (err) // expected-note {{taking the true branch}}
    return err; // expected-warning {{returning with an RCU read-side critical section still open}}
  UNLOCK();
  return 0;
}

void double_unlock(void) {
  LOCK(); // expected-note {{read-side critical section opened here}}
  UNLOCK(); // expected-note {{and closed here}}
  UNLOCK(); // expected-warning {{called with no RCU read-side critical section open}}
}
