// Out-of-line entry points of the rcubox runtime (runtime/src/runtime.cpp).
// Everything here is a slow path: registration, deferral, waiting, dying.
//
// SPDX-License-Identifier: MIT
#ifndef RCU_DETAIL_RUNTIME_HPP
#define RCU_DETAIL_RUNTIME_HPP

#include <cstddef>
#include <cstdint>

#include "config.hpp"

namespace rcu::detail {

// Set once this thread has been registered with liburcu by rcubox.
// `__thread`, not `thread_local`: no TLS wrapper call on access.
extern __thread bool t_registered;

// Registers the calling thread with liburcu-memb; undone at thread exit.
[[gnu::noinline, gnu::cold]] void register_thread_slow() noexcept;

// A grace-period callback. Every deferred destruction is counted in one of
// two generations ("buckets") so that barrier() can wait for the ones queued
// before it without being starved by drops that keep coming; the callback
// must know its bucket, so each node type has one callback per bucket.
using Reclaim = void (*)(rcu_head *);

// What a deferred destruction counts for in the pending counters: one object
// in the low 32 bits, its node size in 16-byte granules in the high 32 bits.
// Sums and differences of such words stay exact modulo 2^64 (runtime.cpp).
constexpr std::uint64_t pending_weight(std::size_t node_size) noexcept {
  return 1 + (static_cast<std::uint64_t>((node_size + 15) / 16) << 32);
}

// Queues `reclaim[b](head)` to run after a grace period (urcu_memb_call_rcu),
// b being the current bucket, or the bucket of the enclosing deferred
// destruction when called from inside one. Never blocks, may be called inside
// a read-side section and from any thread (unregistered threads are
// registered for the duration of the call). After the exit flush it
// synchronizes and runs the callback at once instead. `weight` is the node's
// pending_weight. Over the reclamation budget (stats.hpp), outside any
// read-side section and deferred destructor, it waits for a grace period and
// runs the callback on the calling thread instead.
void defer(rcu_head *head, const Reclaim *reclaim,
           std::uint64_t weight) noexcept;
// Called by every callback of bucket `bucket` before it destroys anything;
// returns what reclaim_end needs to restore.
int reclaim_begin(int bucket) noexcept;
// Called by every callback when it has finished.
void reclaim_end(int bucket, int outer, std::uint64_t weight) noexcept;

// A thread that went over the reclamation budget inside a read-side section
// waits for one grace period here once the section has ended (a no-op
// otherwise).
[[gnu::cold]] void catch_up_after_read_section() noexcept;

void synchronize_checked() noexcept;
void barrier_checked() noexcept;

[[noreturn, gnu::cold]] void die(const char *message) noexcept;

} // namespace rcu::detail

#endif // RCU_DETAIL_RUNTIME_HPP
