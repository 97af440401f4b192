// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-borrow-escape %s
// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-borrow-escape -D_LGPL_SOURCE %s
// expected-no-diagnostics
// The correct idioms next to each bug of liburcu-use-after-unlock.c: the
// borrow used only inside its section, a value or a deep copy taken out, a
// reference count taken under the section, the pointer reassigned before it
// is used, a borrow whose section is the caller's, a null test after the
// unlock (reads nothing the section protected), depths the analysis cannot
// know.
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <urcu.h>
#include <urcu/rculfhash.h>
#include <urcu/ref.h>

struct entry {
  int key;
  int value;
  char *name;
  struct urcu_ref ref;
  long refcount;
  atomic_long users;
  struct cds_lfht_node node;
};

struct entry *current;
void consume(struct entry *);
void log_name(const char *);

int used_inside(void) {
  rcu_read_lock();
  struct entry *e = rcu_dereference(current);
  int value = e ? e->value : -1;
  rcu_read_unlock();
  return value;
}

int value_copied_out(void) {
  struct entry copy;
  rcu_read_lock();
  struct entry *e = rcu_dereference(current);
  copy = *e;
  int key = e->key;
  rcu_read_unlock();
  return copy.value + key;
}

char *deep_copy(void) {
  char *name;
  struct entry local;
  rcu_read_lock();
  struct entry *e = rcu_dereference(current);
  name = strdup(e->name);
  memcpy(&local, e, sizeof(local));
  rcu_read_unlock();
  log_name(name);
  return name;
}

struct entry *reference_taken(void) {
  rcu_read_lock();
  struct entry *e = rcu_dereference(current);
  if (e && !urcu_ref_get_unless_zero(&e->ref))
    e = NULL;
  rcu_read_unlock();
  if (e)
    log_name(e->name);
  return e;
}

struct entry *uatomic_reference(void) {
  rcu_read_lock();
  struct entry *e = rcu_dereference(current);
  uatomic_inc(&e->refcount);
  rcu_read_unlock();
  consume(e);
  return e;
}

struct entry *builtin_atomic_reference(void) {
  rcu_read_lock();
  struct entry *e = rcu_dereference(current);
  __atomic_add_fetch(&e->refcount, 1, __ATOMIC_SEQ_CST);
  rcu_read_unlock();
  return e;
}

struct entry *c11_atomic_reference(void) {
  rcu_read_lock();
  struct entry *e = rcu_dereference(current);
  atomic_fetch_add(&e->users, 1);
  rcu_read_unlock();
  return e;
}

int reassigned_before_use(void) {
  rcu_read_lock();
  struct entry *e = rcu_dereference(current);
  struct entry *copy = malloc(sizeof(*copy));
  *copy = *e;
  rcu_read_unlock();
  e = copy;
  int value = e->value;
  e = NULL;
  free(copy);
  return value + (e ? e->key : 0);
}

/* "Must be called under rcu_read_lock()": the caller's section protects
   the result (rcu-missing-read-lock's business, not this check's). */
struct entry *find_under_callers_lock(struct cds_lfht *ht) {
  struct cds_lfht_iter iter;
  cds_lfht_first(ht, &iter);
  struct cds_lfht_node *node = cds_lfht_iter_get_node(&iter);
  return node ? caa_container_of(node, struct entry, node) : NULL;
}

int null_test_after_unlock(void) {
  rcu_read_lock();
  struct entry *e = rcu_dereference(current);
  int value = e ? e->value : 0;
  rcu_read_unlock();
  if (!e)
    return -1;
  if (e == NULL)
    return -2;
  return value;
}

int nested_section(void) {
  rcu_read_lock();
  struct entry *e = rcu_dereference(current);
  rcu_read_lock();
  rcu_read_unlock();
  int value = e->value; /* the outer section still protects it */
  rcu_read_unlock();
  return value;
}

int loop_reborrows(struct entry **slots, int n) {
  int sum = 0;
  struct entry *e = NULL;
  for (int i = 0; i < n; ++i) {
    rcu_read_lock();
    e = rcu_dereference(slots[i]);
    sum += e->value;
    rcu_read_unlock();
  }
  return sum;
}

int unknown_depth(int locked) {
  if (locked)
    rcu_read_lock();
  struct entry *e = rcu_dereference(current);
  if (locked)
    rcu_read_unlock();
  return e ? e->value : 1;
}

/* The updater that unlinked the node owns it: freeing it through call_rcu
   after the unlock is the documented idiom. */
static void free_entry(struct rcu_head *head) { free(head); }
struct dead {
  struct cds_lfht_node node;
  struct rcu_head rcu;
};
int delete_then_free(struct cds_lfht *ht) {
  struct cds_lfht_iter iter;
  int ret;
  rcu_read_lock();
  cds_lfht_first(ht, &iter);
  struct cds_lfht_node *node = cds_lfht_iter_get_node(&iter);
  if (!node) {
    rcu_read_unlock();
    return -1;
  }
  ret = cds_lfht_del(ht, node);
  rcu_read_unlock();
  if (!ret)
    call_rcu(&caa_container_of(node, struct dead, node)->rcu, free_entry);
  return ret;
}

/* The reference taken through the entry covers the node it was derived
   from: both name the same object. */
struct entry *reference_through_derived(struct cds_lfht *ht) {
  struct cds_lfht_iter iter;
  rcu_read_lock();
  cds_lfht_first(ht, &iter);
  struct cds_lfht_node *node = cds_lfht_iter_get_node(&iter);
  if (!node) {
    rcu_read_unlock();
    return NULL;
  }
  struct entry *e = caa_container_of(node, struct entry, node);
  urcu_ref_get(&e->ref);
  rcu_read_unlock();
  return caa_container_of(node, struct entry, node);
}
