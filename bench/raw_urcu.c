/* Raw liburcu memb contenders (qsbr: raw_qsbr.c) compiled as C, with _LGPL_SOURCE so that the read
 * side is inlined exactly as a C user of liburcu gets it. Each read loop is
 * the same shape as rcubox's (read_bench.cpp): guard, dereference, read one
 * field, in a loop of its own.
 *
 * SPDX-License-Identifier: MIT */
#define _LGPL_SOURCE
#include "raw_urcu.h"

#include <stdlib.h>
#include <urcu/urcu-memb.h>

static struct bench_value initial_memb = {42, {0}};
static struct bench_value *memb_ptr = &initial_memb;

struct node {
  struct rcu_head head;
  struct bench_value value;
};

static void free_node(struct rcu_head *head) {
  free(caa_container_of(head, struct node, head));
}

static struct bench_value *new_value(long key) {
  struct node *n = malloc(sizeof *n);
  if (!n)
    abort();
  n->value.key = key;
  return &n->value;
}

/* The initial value is static: never freed. */
static void retire(struct bench_value *old) {
  if (old == &initial_memb)
    return;
  struct node *n = caa_container_of(old, struct node, value);
  urcu_memb_call_rcu(&n->head, free_node);
}

long raw_memb_read_loop(size_t n) {
  long sum = 0;
  for (size_t i = 0; i < n; i++) {
    urcu_memb_read_lock();
    struct bench_value *v = rcu_dereference(memb_ptr);
    sum += CMM_LOAD_SHARED(v->key);
    urcu_memb_read_unlock();
  }
  return sum;
}

void raw_memb_replace(long key) {
  retire(rcu_xchg_pointer(&memb_ptr, new_value(key)));
}

void raw_memb_replace_loop(size_t n) {
  for (size_t i = 0; i < n; i++)
    raw_memb_replace((long)i);
}

void raw_memb_barrier(void) { urcu_memb_barrier(); }

void raw_memb_call_rcu_loop(size_t n) {
  for (size_t i = 0; i < n; i++) {
    struct node *node = malloc(sizeof *node);
    if (!node)
      abort();
    node->value.key = (long)i;
    urcu_memb_call_rcu(&node->head, free_node);
  }
}

void raw_memb_synchronize(void) { urcu_memb_synchronize_rcu(); }

/* The storm: `bytes`-sized values, counted in and out. */
static struct node *storm_ptr;
static unsigned long storm_queued, storm_freed;

static void free_storm(struct rcu_head *head) {
  free(caa_container_of(head, struct node, head));
  uatomic_inc(&storm_freed);
}

void raw_storm_replace(size_t bytes) {
  /* The value's bytes after the rcu_head, as rcubox's node header. */
  struct node *n = malloc(sizeof(struct rcu_head) + (bytes < sizeof n->value ? sizeof n->value : bytes));
  if (!n)
    abort();
  n->value.key = 1;
  struct node *old = rcu_xchg_pointer(&storm_ptr, n);
  if (old) {
    uatomic_inc(&storm_queued);
    urcu_memb_call_rcu(&old->head, free_storm);
  }
}

void raw_storm_read_hold_begin(void) {
  urcu_memb_read_lock();
  struct node *n = rcu_dereference(storm_ptr);
  if (n)
    (void)CMM_LOAD_SHARED(n->value.key);
}
void raw_storm_read_hold_end(void) { urcu_memb_read_unlock(); }

uint64_t raw_storm_pending(void) {
  return uatomic_read(&storm_queued) - uatomic_read(&storm_freed);
}
