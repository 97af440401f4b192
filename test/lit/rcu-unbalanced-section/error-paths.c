// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section %s
// Error paths that return without rcu_read_unlock(), in the style of C
// programs written on liburcu: hash-table lookups, goto cleanup, switch.
#include <errno.h>
#include <stddef.h>
#include <urcu.h>
#include <urcu/rculfhash.h>

struct route {
  struct cds_lfht_node node;
  int key;
  int value;
};

static int match_key(struct cds_lfht_node *node, const void *key) {
  return caa_container_of(node, struct route, node)->key == *(const int *)key;
}

int lookup_value(struct cds_lfht *ht, int key, int *out) {
  struct cds_lfht_iter iter;
  struct cds_lfht_node *node;

  rcu_read_lock(); // expected-note {{read-side critical section opened here}}
  cds_lfht_lookup(ht, (unsigned long)key, match_key, &key, &iter);
  node = cds_lfht_iter_get_node(&iter);
  if (!node) // expected-note {{taking the true branch}}
    return -ENOENT; // expected-warning {{returning with an RCU read-side critical section still open; other paths out of 'lookup_value' close it}}
  *out = caa_container_of(node, struct route, node)->value;
  rcu_read_unlock();
  return 0;
}

/* The cleanup label is after the unlock: the error path jumps over it. */
int update_if_present(struct cds_lfht *ht, int key, int value) {
  struct cds_lfht_iter iter;
  struct cds_lfht_node *node;
  int ret = 0;

  rcu_read_lock(); // expected-note {{read-side critical section opened here}}
  cds_lfht_lookup(ht, (unsigned long)key, match_key, &key, &iter);
  node = cds_lfht_iter_get_node(&iter);
  if (!node) { // expected-note {{taking the true branch}}
    ret = -ENOENT;
    goto end; // expected-note {{jumping to 'end'}}
  }
  caa_container_of(node, struct route, node)->value = value;
  rcu_read_unlock();
end:
  return ret; // expected-warning {{returning with an RCU read-side critical section still open; other paths out of 'update_if_present' close it}}
}

/* The correct form of the same: the label before the unlock. */
int update_if_present_ok(struct cds_lfht *ht, int key, int value) {
  struct cds_lfht_iter iter;
  struct cds_lfht_node *node;
  int ret = 0;

  rcu_read_lock();
  cds_lfht_lookup(ht, (unsigned long)key, match_key, &key, &iter);
  node = cds_lfht_iter_get_node(&iter);
  if (!node) {
    ret = -ENOENT;
    goto out;
  }
  caa_container_of(node, struct route, node)->value = value;
out:
  rcu_read_unlock();
  return ret;
}

int count_kind(struct cds_lfht *ht, int kind) {
  struct cds_lfht_iter iter;
  struct route *r;
  int n = 0;

  rcu_read_lock(); // expected-note {{read-side critical section opened here}}
  switch (kind) {
  case 0:
    break;
  case 1: // expected-note {{taking this case}}
    return -EINVAL; // expected-warning {{returning with an RCU read-side critical section still open; other paths out of 'count_kind' close it}}
  default:
    cds_lfht_for_each_entry(ht, &iter, r, node) n++;
  }
  rcu_read_unlock();
  return n;
}

/* Nested sections: the early return closes only the inner one. */
int nested(struct cds_lfht *ht, int bad) {
  rcu_read_lock(); // expected-note {{read-side critical section opened here}}
  rcu_read_lock();
  if (bad) { // expected-note {{taking the true branch}}
    rcu_read_unlock();
    return -1; // expected-warning {{returning with an RCU read-side critical section still open; other paths out of 'nested' close it}}
  }
  rcu_read_unlock();
  rcu_read_unlock();
  return 0;
}

/* Falling off the end with the section open, while the early return closes
   it. */
void falls_off_end(int *p) {
  rcu_read_lock(); // expected-note {{read-side critical section opened here}}
  if (!p) { // expected-note {{taking the false branch}}
    rcu_read_unlock();
    return;
  }
  *p = 1;
} // expected-warning {{returning with an RCU read-side critical section still open; other paths out of 'falls_off_end' close it}}
