// RUN: %rcu_c_verify -Xclang -verify-ignore-unexpected=note -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section %s
// The shapes of the unbalanced sections found in Debian's liburcu users
// (docs/real-world.md), written from scratch.
#include <stddef.h>
#include <stdlib.h>
#include <urcu.h>
#include <urcu/rculfhash.h>
#include <urcu/rculist.h>

struct item {
  struct cds_lfht_node node;
  struct cds_list_head list;
  int pending;
};
int add_callback(struct item *it);
int serialize(struct item *it);
void log_error(const char *what);

/* Set-up unlocks when done, but a later failure jumps to the error label,
   which unlocks again. */
struct item *create_item(int key) {
  struct item *it = calloc(1, sizeof(*it));
  if (!it)
    return NULL;
  rcu_read_lock();
  it->pending = key;
  rcu_read_unlock();
  if (add_callback(it))
    goto error;
  return it;
error:
  rcu_read_unlock(); // expected-warning {{'rcu_read_unlock' called with no RCU read-side critical section open: the one this function opened is already closed}}
  free(it);
  return NULL;
}

/* An early exit jumps to the shared label whose unlock belongs to the lock
   taken after the check. */
int any_pending(struct cds_list_head *head, int enabled) {
  struct item *it;
  int ret = 0;

  if (!enabled)
    goto end;
  rcu_read_lock();
  cds_list_for_each_entry_rcu(it, head, list) {
    if (it->pending) {
      ret = 1;
      goto end;
    }
  }
end:
  rcu_read_unlock(); // expected-warning {{'rcu_read_unlock' called with no RCU read-side critical section open on this path, though other paths here open one}}
  return ret;
}

/* A failure inside the hash-table walk leaves through the function's exit
   label, which the unlock after the loop does not cover. */
int serialize_all(struct cds_lfht *ht) {
  struct cds_lfht_iter iter;
  struct item *it;
  int ret = 0;

  rcu_read_lock();
  cds_lfht_for_each_entry(ht, &iter, it, node) {
    if (serialize(it)) {
      log_error("serialize");
      ret = -1;
      goto end;
    }
  }
  rcu_read_unlock();
end:
  return ret; // expected-warning {{returning with an RCU read-side critical section still open; other paths out of 'serialize_all' close it}}
}

/* Two exit labels: the error path picks the one past the unlock. */
int count_matching(struct cds_lfht *ht, int want) {
  struct cds_lfht_iter iter;
  struct item *it;
  int n = 0;

  rcu_read_lock();
  cds_lfht_for_each_entry(ht, &iter, it, node) {
    if (it->pending < 0) {
      n = -1;
      goto end;
    }
    if (it->pending == want)
      n++;
  }
  goto end_unlock;
end_unlock:
  rcu_read_unlock();
end:
  return n; // expected-warning {{returning with an RCU read-side critical section still open; other paths out of 'count_matching' close it}}
}
