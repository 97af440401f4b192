// Out-of-line entry points of the rcubox runtime (runtime/src/runtime.cpp).
// Everything here is a slow path: registration, deferral, waiting, dying.
//
// SPDX-License-Identifier: MIT
#ifndef RCU_DETAIL_RUNTIME_HPP
#define RCU_DETAIL_RUNTIME_HPP

#include "config.hpp"

namespace rcu::detail {

// Set once this thread has been registered with liburcu by rcubox.
// `__thread`, not `thread_local`: no TLS wrapper call on access.
extern __thread bool t_registered;

// Registers the calling thread with liburcu-memb; undone at thread exit.
[[gnu::noinline, gnu::cold]] void register_thread_slow() noexcept;

// Queues `cb(head)` to run after a grace period (urcu_memb_call_rcu). Never
// blocks, may be called inside a read-side section and from any thread
// (unregistered threads are registered for the duration of the call). After
// the exit flush it synchronizes and runs `cb` at once instead.
void defer(rcu_head* head, void (*cb)(rcu_head*)) noexcept;
// Called by every deferred callback when it has finished.
void defer_done() noexcept;

void synchronize_checked() noexcept;
void barrier_checked() noexcept;

[[noreturn, gnu::cold]] void die(const char* message) noexcept;

} // namespace rcu::detail

#endif // RCU_DETAIL_RUNTIME_HPP
