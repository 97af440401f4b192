// RUN: %rcu_c_verify %s
// Every check runs on a C unit that spells `annotate` (so the pre-filter
// lets the marker-based checks through too): C has no classes, guards or
// templates, and the C++-only checks find nothing; they must not crash on
// structs, unions, function pointers and K&R-style code either.
#include <stdlib.h>
#include <urcu.h>
#include <urcu/rculfhash.h>

__attribute__((annotate("project::hot"))) static int hits;

struct node {
  struct cds_lfht_node ht;
  struct rcu_head rcu;
  union {
    int i;
    void *p;
  } u;
  void (*cb)(struct node *);
};

static void free_node(struct rcu_head *head) {
  free(caa_container_of(head, struct node, rcu));
}

int old_style(a, b) int a; int b; { return a + b + hits; } // expected-warning {{a function definition without a prototype is deprecated}}

int touch(struct cds_lfht *ht, struct node *n) {
  struct cds_lfht_iter iter;
  rcu_read_lock(); // expected-note {{read-side critical section opened here}}
  cds_lfht_first(ht, &iter);
  if (!cds_lfht_iter_get_node(&iter)) // expected-note {{taking the true branch}}
    return -1; // expected-warning {{returning with an RCU read-side critical section still open; other paths out of 'touch' close it}}
  if (n->cb)
    n->cb(n);
  if (!cds_lfht_del(ht, &n->ht))
    call_rcu(&n->rcu, free_node);
  rcu_read_unlock();
  return 0;
}
