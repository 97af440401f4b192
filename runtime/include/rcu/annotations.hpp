// rcubox annotations: the vocabulary shared by the runtime, user code and the
// rcu-lifetime Clang plugin.
//
// Under Clang each macro is an `annotate("rcu::…")` attribute that the plugin
// reads (plus `lifetimebound` for RCU_BORROW, so plain Clang already catches
// some dangling uses). Under other compilers they expand to nothing.
//
// SPDX-License-Identifier: MIT
#ifndef RCU_ANNOTATIONS_HPP
#define RCU_ANNOTATIONS_HPP

#if defined(__clang__)
#define RCU_ANNOTATE_(text) [[clang::annotate(text)]]

/// Written after a guard parameter: the function's result borrows from that
/// guard and is valid only within its read-side critical section.
///   const V& find(const rcu::Guard& g RCU_BORROW, Key k) const;
#define RCU_BORROW [[clang::lifetimebound, clang::annotate("rcu::borrow")]]

/// Marks the type of an RCU read-side guard (rcu::Guard carries it).
#define RCU_GUARD_TYPE RCU_ANNOTATE_("rcu::guard")

/// Written before a function declaration: the function waits for an RCU
/// grace period and so must not be called inside a read-side section.
#define RCU_WAITS_FOR_GRACE_PERIOD RCU_ANNOTATE_("rcu::waits_for_grace_period")

/// Written before a function declaration: the function waits until the
/// deferred destructions queued so far have run (rcu::barrier()). Called from
/// a deferred destruction, that waits for itself.
#define RCU_WAITS_FOR_DEFERRED_DESTRUCTION                                     \
  RCU_ANNOTATE_("rcu::waits_for_deferred_destruction")

/// Written before a class name: the user vouches that the type is safe to
/// send to (be destroyed on) another thread, like `unsafe impl Send`.
#define RCU_SEND RCU_ANNOTATE_("rcu::send")
/// The type must never be sent to another thread (a negative `impl !Send`).
#define RCU_NOT_SEND RCU_ANNOTATE_("rcu::not_send")
/// The user vouches that `const T&` may be shared between threads.
#define RCU_SYNC RCU_ANNOTATE_("rcu::sync")
/// `const T&` must never be shared between threads (a negative `impl !Sync`).
#define RCU_NOT_SYNC RCU_ANNOTATE_("rcu::not_sync")

/// Written before the name of a class template: its template parameter number
/// `Index` (0-based) must be Send, or Send and Sync, because the container
/// destroys its values after a grace period on the reclamation thread. Any user container can
/// reuse these:
///   template <class K, class V> class RCU_REQUIRES_SEND_SYNC(1) RcuMap {…};
#define RCU_REQUIRES_SEND(Index) RCU_ANNOTATE_("rcu::requires_send:" #Index)
#define RCU_REQUIRES_SEND_SYNC(Index)                                          \
  RCU_ANNOTATE_("rcu::requires_send_sync:" #Index)

#else // !__clang__
#define RCU_BORROW
#define RCU_GUARD_TYPE
#define RCU_WAITS_FOR_GRACE_PERIOD
#define RCU_WAITS_FOR_DEFERRED_DESTRUCTION
#define RCU_SEND
#define RCU_NOT_SEND
#define RCU_SYNC
#define RCU_NOT_SYNC
#define RCU_REQUIRES_SEND(Index)
#define RCU_REQUIRES_SEND_SYNC(Index)
#endif

#endif // RCU_ANNOTATIONS_HPP
