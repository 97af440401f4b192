// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-borrow-escape %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-borrow-escape -D_LGPL_SOURCE %s
// QSBR: rcu_read_lock()/rcu_read_unlock() are no-ops; a reader's borrows
// stay protected until its next quiescent state or until it goes offline,
// whether or not it wrote a section.
#include <urcu-qsbr.h>

struct conf {
  int size;
};

struct conf *shared_conf;
int must_stop(void);
void use(int);

void *used_after_quiescent_state(void *arg) {
  (void)arg;
  rcu_register_thread();
  struct conf *c = rcu_dereference(shared_conf); // expected-note {{the borrow is taken here}}
  use(c->size);
  rcu_quiescent_state(); // expected-note {{'rcu_quiescent_state' ends the RCU protection of every borrow taken before it here}}
  use(c->size); // expected-warning {{pointer into RCU-protected data is used after a quiescent state ended its RCU protection}}
  rcu_unregister_thread();
  return 0;
}

int used_after_offline(void) {
  rcu_read_lock();
  struct conf *c = rcu_dereference(shared_conf); // expected-note {{the borrow is taken here}}
  rcu_read_unlock();
  rcu_thread_offline(); // expected-note {{'rcu_thread_offline' ends the RCU protection of every borrow taken before it here}}
  int size = c->size; // expected-warning {{pointer into RCU-protected data is used after a quiescent state ended its RCU protection}}
  rcu_thread_online();
  return size;
}

/* Silent: QSBR's rcu_read_unlock ends nothing; the borrow is reloaded after
   each quiescent state. */
void *qsbr_reader_loop(void *arg) {
  (void)arg;
  rcu_register_thread();
  while (!must_stop()) {
    rcu_read_lock();
    struct conf *c = rcu_dereference(shared_conf);
    rcu_read_unlock();
    use(c->size);
    rcu_quiescent_state();
  }
  rcu_unregister_thread();
  return 0;
}
