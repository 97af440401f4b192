// RUN: %rcu_c_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-sync-in-read-section %s
// C on liburcu: synchronize_rcu() and rcu_barrier() of any flavour, reached
// where a section opened by rcu_read_lock() may be open, directly or through
// functions defined in the translation unit.
#include <stdlib.h>
#include <urcu.h>
#include <urcu/rculfhash.h>

struct entry {
  struct cds_lfht_node node;
  struct rcu_head rcu;
  int key;
};

static void free_entry(struct rcu_head *head) {
  free(caa_container_of(head, struct entry, rcu));
}

void direct(struct cds_lfht *ht) {
  struct cds_lfht_iter iter;
  rcu_read_lock(); // expected-note {{read-side critical section opened here}}
  cds_lfht_first(ht, &iter);
  synchronize_rcu(); // expected-warning {{waiting for an RCU grace period inside a read-side critical section deadlocks}}
  rcu_read_unlock();
}

/* The helper waits; the section is two calls up. */
static void flush_removed(void) { rcu_barrier(); } // expected-note {{'flush_removed' calls 'urcu_memb_barrier' here}}
static void retire(struct entry *e) {
  call_rcu(&e->rcu, free_entry);
  flush_removed(); // expected-note {{'retire' calls 'flush_removed' here}}
}

void remove_under_lock(struct cds_lfht *ht, struct entry *e) {
  rcu_read_lock(); // expected-note {{read-side critical section opened here}}
  if (!cds_lfht_del(ht, &e->node))
    retire(e); // expected-warning {{waiting for an RCU grace period inside a read-side critical section deadlocks}}
  rcu_read_unlock();
}

/* Only one path keeps the section open to the wait. */
void on_some_path(int early) {
  rcu_read_lock(); // expected-note {{read-side critical section opened here}}
  if (early)
    rcu_read_unlock();
  synchronize_rcu(); // expected-warning {{waiting for an RCU grace period inside a read-side critical section deadlocks}}
  if (!early)
    rcu_read_unlock();
}

/* Correct: the wait after the section, the updater's usual shape. */
void remove_then_wait(struct cds_lfht *ht, struct entry *e) {
  int removed;
  rcu_read_lock();
  removed = !cds_lfht_del(ht, &e->node);
  rcu_read_unlock();
  if (removed) {
    synchronize_rcu();
    free(e);
  }
}

/* Correct: call_rcu does not wait. */
void remove_deferred(struct cds_lfht *ht, struct entry *e) {
  rcu_read_lock();
  if (!cds_lfht_del(ht, &e->node))
    call_rcu(&e->rcu, free_entry);
  rcu_read_unlock();
}

/* Correct: a helper that waits, called outside any section; a wait in a
   function that drops its caller's section first is not inside one it
   opened. */
void waits_between_sections(void) {
  rcu_read_lock();
  rcu_read_unlock();
  flush_removed();
  rcu_read_lock();
  rcu_read_unlock();
}
