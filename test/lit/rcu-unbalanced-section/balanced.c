// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section %s
// expected-no-diagnostics
// Code that balances its sections in the ways C programs on liburcu do, and
// code whose balance the check cannot see: nothing is reported.
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <urcu.h>
#include <urcu/rculfhash.h>
#include <urcu/rculist.h>

struct item {
  struct cds_lfht_node node;
  struct cds_list_head list;
  int key;
  int value;
};

void use(int v);
int must_stop(void);

/* A loop whose every iteration opens and closes its own section, with the
   unlock repeated before `continue` and `break`. */
void poll_items(struct cds_lfht *ht, int rounds) {
  for (int i = 0; i < rounds; i++) {
    struct cds_lfht_iter iter;
    struct item *it;
    rcu_read_lock();
    if (must_stop()) {
      rcu_read_unlock();
      break;
    }
    if (i % 2) {
      rcu_read_unlock();
      continue;
    }
    cds_lfht_for_each_entry(ht, &iter, it, node) {
      if (it->key < 0)
        break;
      use(it->value);
    }
    rcu_read_unlock();
  }
}

void walk_list(struct cds_list_head *head) {
  struct item *it;
  rcu_read_lock();
  cds_list_for_each_entry_rcu(it, head, list) use(it->value);
  rcu_read_unlock();
}

/* Paths that end in a noreturn call do not return with the section open. */
int first_value(struct cds_lfht *ht) {
  struct cds_lfht_iter iter;
  struct cds_lfht_node *node;
  int v;
  rcu_read_lock();
  cds_lfht_first(ht, &iter);
  node = cds_lfht_iter_get_node(&iter);
  if (!node)
    abort();
  if (node == (void *)1)
    exit(1);
  if (node == (void *)2)
    pthread_exit(NULL);
  assert(node != (void *)3);
  v = caa_container_of(node, struct item, node)->value;
  rcu_read_unlock();
  return v;
}

void must_find(struct cds_lfht *ht, int key) {
  struct cds_lfht_iter iter;
  rcu_read_lock();
  cds_lfht_first(ht, &iter);
  if (!cds_lfht_iter_get_node(&iter))
    abort();
  assert(key >= 0);
  rcu_read_unlock();
}

/* Lock and unlock wrappers: every path opens (closes) one section. */
static void items_lock(void) { rcu_read_lock(); }
static void items_unlock(void) { rcu_read_unlock(); }

int read_through_wrappers(struct cds_lfht *ht) {
  struct cds_lfht_iter iter;
  int found;
  items_lock();
  cds_lfht_first(ht, &iter);
  found = cds_lfht_iter_get_node(&iter) != NULL;
  if (!found) {
    items_unlock();
    return 0;
  }
  items_unlock();
  return 1;
}

/* An iterator API: begin opens the section, end closes it, in different
   functions. */
struct cursor {
  struct cds_lfht *ht;
  struct cds_lfht_iter iter;
};

void cursor_begin(struct cursor *c) {
  rcu_read_lock();
  cds_lfht_first(c->ht, &c->iter);
}

void cursor_end(struct cursor *c) {
  (void)c;
  rcu_read_unlock();
}

/* A lock that can fail: returns 0 with the section open, or an error with
   it closed. */
int lock_item(struct cds_lfht *ht, int key) {
  struct cds_lfht_iter iter;
  rcu_read_lock();
  cds_lfht_first(ht, &iter);
  if (key < 0) {
    rcu_read_unlock();
    return -1;
  }
  return 0;
}

/* The lock and the unlock tested by the same condition: the paths where
   they disagree are infeasible, which the analysis cannot see. */
void maybe_locked(int need, int v) {
  if (need)
    rcu_read_lock();
  use(v);
  if (need)
    rcu_read_unlock();
}

/* pthread_cleanup_push/pop around a section: the unlock runs from the
   cleanup handler, called through a pointer the analysis does not follow. */
static void unlock_cleanup(void *arg) {
  (void)arg;
  rcu_read_unlock();
}

void *reader_thread(void *arg) {
  rcu_register_thread();
  rcu_read_lock();
  pthread_cleanup_push(unlock_cleanup, NULL);
  while (!must_stop())
    use(*(int *)arg);
  pthread_cleanup_pop(1);
  rcu_unregister_thread();
  return NULL;
}

/* Nested sections through a helper that takes its own. */
static int helper_value(struct item *it) {
  int v;
  rcu_read_lock();
  v = it->value;
  rcu_read_unlock();
  return v;
}

int nested_helpers(struct item *it) {
  int v;
  rcu_read_lock();
  v = helper_value(it);
  if (v < 0) {
    rcu_read_unlock();
    return v;
  }
  v += helper_value(it);
  rcu_read_unlock();
  return v;
}
