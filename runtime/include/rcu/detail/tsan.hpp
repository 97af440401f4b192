// ThreadSanitizer annotations. liburcu orders readers against grace periods
// with membarrier(2) and plain TLS stores, which TSan cannot see; these calls
// tell it about the happens-before edges RCU actually guarantees. They compile
// to nothing unless the translation unit is built with -fsanitize=thread.
//
// SPDX-License-Identifier: MIT
#ifndef RCU_DETAIL_TSAN_HPP
#define RCU_DETAIL_TSAN_HPP

#if defined(__SANITIZE_THREAD__)
#define RCUBOX_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RCUBOX_TSAN 1
#endif
#endif
#ifndef RCUBOX_TSAN
#define RCUBOX_TSAN 0
#endif

// Weak everywhere, so that the same declarations serve instrumented
// translation units (where the TSan runtime is always linked) and the
// compiled part of rcubox, which is not instrumented and calls them only when
// they resolve (runtime.cpp, the exit flush).
extern "C" {
void __tsan_acquire(void *addr) __attribute__((weak));
void __tsan_release(void *addr) __attribute__((weak));
}

// Tagged so instrumented and plain translation units each keep their own.
#if RCUBOX_TSAN
#define RCUBOX_TSAN_VARIANT [[gnu::abi_tag("rcubox_tsan")]]
#else
#define RCUBOX_TSAN_VARIANT [[gnu::abi_tag("rcubox_plain")]]
#endif

namespace rcu::detail {

// Every Guard releases on grace_sync when it ends; every deferred destruction
// acquires it before running ~T. A grace period guarantees that all readers
// that could see the object have ended, so this edge is exactly RCU's.
inline char tsan_grace_sync;
// Deferred destructions release here when done; barrier() acquires it.
inline char tsan_barrier_sync;

RCUBOX_TSAN_VARIANT inline void
tsan_release([[maybe_unused]] const void *addr) noexcept {
#if RCUBOX_TSAN
  __tsan_release(const_cast<void *>(addr));
#endif
}
RCUBOX_TSAN_VARIANT inline void
tsan_acquire([[maybe_unused]] const void *addr) noexcept {
#if RCUBOX_TSAN
  __tsan_acquire(const_cast<void *>(addr));
#endif
}

} // namespace rcu::detail

#endif // RCU_DETAIL_TSAN_HPP
