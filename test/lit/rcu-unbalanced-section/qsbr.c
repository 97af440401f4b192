// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section -D_LGPL_SOURCE %s
// expected-no-diagnostics
// QSBR: rcu_read_lock() and rcu_read_unlock() are no-ops outside debug
// builds; a reader is protected while it is online, until its next quiescent
// state. Their balance protects nothing, and is not judged.
#include <urcu-qsbr.h>

int must_stop(void);
void use(int);

void *qsbr_reader(void *arg) {
  int *shared = arg;
  rcu_register_thread();
  while (!must_stop()) {
    rcu_read_lock();
    if (*shared < 0)
      continue; /* the next quiescent state ends the section anyway */
    use(*shared);
    rcu_read_unlock();
    rcu_quiescent_state();
  }
  rcu_thread_offline();
  rcu_thread_online();
  rcu_unregister_thread();
  return 0;
}
