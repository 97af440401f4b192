/* Raw liburcu qsbr contender compiled as C, with _LGPL_SOURCE (its own
 * translation unit: liburcu maps call_rcu & co. to one flavour per unit).
 *
 * SPDX-License-Identifier: MIT */
#define _LGPL_SOURCE
#include "raw_urcu.h"

#include <stdlib.h>
#include <urcu/urcu-qsbr.h>

static struct bench_value initial_qsbr = {42, {0}};
static struct bench_value *qsbr_ptr = &initial_qsbr;

struct node {
  struct rcu_head head;
  struct bench_value value;
};

static void free_node(struct rcu_head *head) {
  free(caa_container_of(head, struct node, head));
}

void raw_qsbr_register(void) { urcu_qsbr_register_thread(); }
void raw_qsbr_unregister(void) { urcu_qsbr_unregister_thread(); }

long raw_qsbr_read_loop(size_t n) {
  long sum = 0;
  for (size_t i = 0; i < n; i++) {
    urcu_qsbr_read_lock();
    struct bench_value *v = rcu_dereference(qsbr_ptr);
    sum += CMM_LOAD_SHARED(v->key);
    urcu_qsbr_read_unlock();
    if ((i & 1023) == 1023)
      urcu_qsbr_quiescent_state();
  }
  urcu_qsbr_quiescent_state();
  return sum;
}

void raw_qsbr_replace(long key) {
  struct node *n = malloc(sizeof *n);
  if (!n)
    abort();
  n->value.key = key;
  struct bench_value *old = rcu_xchg_pointer(&qsbr_ptr, &n->value);
  if (old != &initial_qsbr)
    urcu_qsbr_call_rcu(&caa_container_of(old, struct node, value)->head,
                       free_node);
  urcu_qsbr_quiescent_state();
}

void raw_qsbr_barrier(void) { urcu_qsbr_barrier(); }
