// rcu::Guard, rcu::synchronize(), rcu::barrier().
//
// SPDX-License-Identifier: MIT
#ifndef RCU_GUARD_HPP
#define RCU_GUARD_HPP

#include "annotations.hpp"
#include "detail/config.hpp"
#include "detail/runtime.hpp"
#include "detail/tsan.hpp"

namespace rcu {
inline namespace RCUBOX_MODE_NS {

/// RAII read-side critical section (liburcu memb read_lock/read_unlock).
/// Nestable; any thread may create one without set-up: the first Guard on a
/// thread registers it with liburcu, and thread exit unregisters it.
/// References obtained under a Guard (RCU_BORROW) are valid until it ends.
class [[nodiscard]] RCU_GUARD_TYPE Guard {
public:
  [[nodiscard, gnu::always_inline]] Guard() noexcept {
    if (!registered()) [[unlikely]]
      detail::register_thread_slow();
    urcu_memb_read_lock();
  }
  [[gnu::always_inline]] RCUBOX_VARIANT ~Guard() {
    detail::tsan_release(&detail::tsan_grace_sync);
    urcu_memb_read_unlock();
  }
  Guard(const Guard &) = delete;
  Guard &operator=(const Guard &) = delete;

private:
  // A TLS flag test: liburcu's own flag when its reader TLS is visible to us,
  // so threads the user registered by hand are recognised.
  [[gnu::always_inline]] static bool registered() noexcept {
#if defined(_LGPL_SOURCE)
    return URCU_TLS(urcu_memb_reader).registered;
#else
    return detail::t_registered;
#endif
  }
};

} // namespace RCUBOX_MODE_NS

/// Waits for a full grace period: every read-side section that was running
/// when it was called has ended. Inside a read-side section on the calling
/// thread this would deadlock, so it aborts with a message instead.
RCU_WAITS_FOR_GRACE_PERIOD
inline void synchronize() noexcept { detail::synchronize_checked(); }

/// Waits until every deferred destruction queued so far (including ones
/// queued by those destructions) has run. Aborts inside a read-side section.
RCU_WAITS_FOR_GRACE_PERIOD RCU_WAITS_FOR_DEFERRED_DESTRUCTION
RCUBOX_VARIANT inline void barrier() noexcept {
  detail::barrier_checked();
  detail::tsan_acquire(&detail::tsan_barrier_sync);
}

} // namespace rcu

#endif // RCU_GUARD_HPP
