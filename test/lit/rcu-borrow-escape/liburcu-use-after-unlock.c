// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-borrow-escape %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-borrow-escape -D_LGPL_SOURCE %s
// A pointer borrowed inside a liburcu read-side critical section used after
// rcu_read_unlock() ended it on some path: the object may be freed by then.
#include <stdio.h>
#include <urcu.h>
#include <urcu/rculfhash.h>
#include <urcu/rculist.h>

struct entry {
  int key;
  int value;
  const char *name;
  struct cds_lfht_node node;
  struct cds_list_head list;
};

struct config {
  int size;
};

struct config *current_config;

static int match(struct cds_lfht_node *node, const void *key) {
  return caa_container_of(node, struct entry, node)->key == *(const int *)key;
}

int lookup_then_unlock_then_use(struct cds_lfht *ht, int key) {
  struct cds_lfht_iter iter;
  struct cds_lfht_node *node;
  rcu_read_lock();
  cds_lfht_lookup(ht, (unsigned long)key, match, &key, &iter);
  node = cds_lfht_iter_get_node(&iter); // expected-note {{the borrow is taken here}}
  rcu_read_unlock(); // expected-note {{'rcu_read_unlock' ends the read-side critical section here}}
  if (!node)
    return -1;
  return caa_container_of(node, struct entry, node)->value; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section it was borrowed in ended}}
}

int dereferenced_then_unlocked(void) {
  struct config *cfg;
  int size;
  rcu_read_lock();
  cfg = rcu_dereference(current_config); // expected-note {{the borrow is taken here}}
  rcu_read_unlock(); // expected-note {{'rcu_read_unlock' ends the read-side critical section here}}
  size = cfg->size; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section it was borrowed in ended}}
  return size;
}

struct entry *returned_after_unlock(struct cds_lfht *ht, int key) {
  struct cds_lfht_iter iter;
  struct entry *e = NULL;
  rcu_read_lock();
  cds_lfht_lookup(ht, (unsigned long)key, match, &key, &iter);
  struct cds_lfht_node *node = cds_lfht_iter_get_node(&iter); // expected-note {{the borrow is taken here}}
  if (node)
    e = caa_container_of(node, struct entry, node);
  rcu_read_unlock(); // expected-note {{'rcu_read_unlock' ends the read-side critical section here}}
  return e; // expected-warning {{returning a pointer into RCU-protected data after the read-side critical section it was borrowed in ended}}
}

int cursor_kept_after_loop(struct cds_lfht *ht, int key) {
  struct cds_lfht_iter iter;
  struct entry *pos, *found = NULL;
  rcu_read_lock();
  cds_lfht_for_each_entry(ht, &iter, pos, node) { // expected-note {{the borrow is taken here}}
    if (pos->key == key) {
      found = pos;
      break;
    }
  }
  rcu_read_unlock(); // expected-note {{'rcu_read_unlock' ends the read-side critical section here}}
  return found ? found->value : -1; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section it was borrowed in ended}}
}

int list_cursor_kept(struct cds_list_head *head, int key) {
  struct entry *pos, *hit = NULL;
  rcu_read_lock();
  cds_list_for_each_entry_rcu(pos, head, list) { // expected-note {{the borrow is taken here}}
    if (pos->key == key)
      hit = pos;
  }
  rcu_read_unlock(); // expected-note {{'rcu_read_unlock' ends the read-side critical section here}}
  if (!hit)
    return 0;
  return hit->value; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section it was borrowed in ended}}
}

int error_path_logs_name(struct cds_lfht *ht, int key) {
  struct cds_lfht_iter iter;
  rcu_read_lock();
  cds_lfht_lookup(ht, (unsigned long)key, match, &key, &iter);
  struct cds_lfht_node *node = cds_lfht_iter_get_node(&iter); // expected-note {{the borrow is taken here}}
  if (!node) {
    rcu_read_unlock();
    return -1;
  }
  struct entry *e = caa_container_of(node, struct entry, node);
  if (e->value < 0) {
    rcu_read_unlock(); // expected-note {{'rcu_read_unlock' ends the read-side critical section here}}
    fprintf(stderr, "bad entry %s\n", e->name); // expected-warning {{pointer into RCU-protected data is used after the read-side critical section it was borrowed in ended}}
    return -1;
  }
  int value = e->value;
  rcu_read_unlock();
  return value;
}

struct chain {
  struct chain *next;
  int value;
};
struct chain *chain_head;

/* rcu_dereference(p->next) is a borrow of its own, taken where it is read:
   the note points there, not at the borrow of the head. */
int field_dereference_is_a_new_borrow(void) {
  rcu_read_lock();
  struct chain *first = rcu_dereference(chain_head);
  struct chain *second = rcu_dereference(first->next); // expected-note {{the borrow is taken here}}
  rcu_read_unlock(); // expected-note {{'rcu_read_unlock' ends the read-side critical section here}}
  return second->value; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section it was borrowed in ended}}
}

/* A plain load of a pointer field is part of the object: derived from it. */
int field_load_is_derived(void) {
  rcu_read_lock();
  struct chain *first = rcu_dereference(chain_head); // expected-note {{the borrow is taken here}}
  struct chain *second = first->next;
  rcu_read_unlock(); // expected-note {{'rcu_read_unlock' ends the read-side critical section here}}
  return second ? second->value : 0; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section it was borrowed in ended}}
}

struct entry *container_returned_after_unlock(struct cds_lfht *ht) {
  struct cds_lfht_iter iter;
  rcu_read_lock();
  cds_lfht_first(ht, &iter);
  struct cds_lfht_node *node = cds_lfht_iter_get_node(&iter); // expected-note {{the borrow is taken here}}
  rcu_read_unlock(); // expected-note {{'rcu_read_unlock' ends the read-side critical section here}}
  if (!node)
    return NULL;
  return caa_container_of(node, struct entry, node); // expected-warning {{returning a pointer into RCU-protected data after the read-side critical section it was borrowed in ended}}
}
