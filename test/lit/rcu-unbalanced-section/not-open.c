// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section %s
// Unlocks with no section open.
#include <urcu.h>

void use(int *p);

void double_unlock(int *p, int retry) {
  rcu_read_lock(); // expected-note {{read-side critical section opened here}}
  use(p);
  rcu_read_unlock(); // expected-note {{and closed here}}
  if (retry)
    use(p);
  rcu_read_unlock(); // expected-warning {{'rcu_read_unlock' called with no RCU read-side critical section open: the one this function opened is already closed}}
}

/* The unlock on the error path is repeated after the label. */
int unlock_twice_on_error(int *p) {
  int ret = 0;
  rcu_read_lock(); // expected-note {{read-side critical section opened here}}
  if (!p) { // expected-note {{taking the true branch}}
    ret = -1;
    rcu_read_unlock(); // expected-note {{and closed here}}
    goto out; // expected-note {{jumping to 'out'}}
  }
  use(p);
out:
  rcu_read_unlock(); // expected-warning {{'rcu_read_unlock' called with no RCU read-side critical section open: the one this function opened is already closed}}
  return ret;
}

void lock_only_when_slow(int *p, int fast) {
  if (!fast) // expected-note {{taking the false branch}}
    rcu_read_lock();
  use(p);
  rcu_read_unlock(); // expected-warning {{'rcu_read_unlock' called with no RCU read-side critical section open on this path, though other paths here open one}}
}

/* Called with the caller's section open: it drops the section to block and
   takes it again. Nothing here says the section is not open. */
void drop_and_retake(int *p) {
  rcu_read_unlock();
  use(p);
  rcu_read_lock();
}

/* An unlock wrapper closes its caller's section. */
void my_unlock(void) { rcu_read_unlock(); }
