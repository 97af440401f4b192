/* Raw liburcu contenders, compiled as C (raw_urcu.c): the reference rcubox's
 * read path is measured against. C because liburcu used from C++ pays for a
 * volatile read-back after each store of its nesting counter and for a
 * thread_local wrapper (see docs/performance.md).
 *
 * SPDX-License-Identifier: MIT */
#ifndef RCUBOX_BENCH_RAW_URCU_H
#define RCUBOX_BENCH_RAW_URCU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The value every contender publishes and reads one field of. */
struct bench_value {
  long key;
  long payload[7]; /* one cache line in all */
};

/* memb flavour. Threads are registered by rcubox (an rcu::Guard made once
 * on the thread), which also unregisters them at thread exit: rcubox and raw
 * memb share liburcu's one memb domain, and a thread must not be registered
 * twice. */
/* n times: read_lock, rcu_dereference, read ->key, read_unlock. Returns the
 * sum of the keys so that nothing is optimised away. */
long raw_memb_read_loop(size_t n);
/* rcu_xchg_pointer a fresh value in; call_rcu frees the old one. */
void raw_memb_replace(long key);
/* urcu_memb_barrier(). */
void raw_memb_barrier(void);
/* n times raw_memb_replace: the reference for Pointer::replace + drop. */
void raw_memb_replace_loop(size_t n);
/* n times: malloc a small node and call_rcu(free) it (the drop reference). */
void raw_memb_call_rcu_loop(size_t n);
/* urcu_memb_synchronize_rcu(). */
void raw_memb_synchronize(void);

/* qsbr flavour: a reader thread is online between register and unregister;
 * the loop reports a quiescent state every 1024 reads. */
void raw_qsbr_register(void);
void raw_qsbr_unregister(void);
long raw_qsbr_read_loop(size_t n);
/* Called by a registered updater: xchg + call_rcu, then a quiescent state. */
void raw_qsbr_replace(long key);
void raw_qsbr_barrier(void);

/* The storm's raw side: a 1 KiB value replaced with xchg + call_rcu; the
 * counters say how many are queued and not yet freed. */
void raw_storm_replace(size_t bytes);
void raw_storm_read_hold_begin(void);
void raw_storm_read_hold_end(void);
uint64_t raw_storm_pending(void);

#ifdef __cplusplus
}
#endif

#endif
