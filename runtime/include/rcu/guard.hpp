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
namespace detail {

#if defined(_LGPL_SOURCE)
// liburcu's memb read_lock/read_unlock (urcu/static/urcu-memb.h), restated
// with C++ atomics. liburcu stores its nesting counter with
// CMM_STORE_SHARED, a statement expression whose value is the assigned
// volatile lvalue: compiled as C++ that lvalue is read back after every
// store (C discards it), one extra load per lock and unlock. A relaxed
// atomic store is the same plain `mov` without the read-back; the compiler
// barriers and liburcu's smp_mb_slave() order it exactly as before.
[[gnu::always_inline]] inline unsigned long reader_ctr() noexcept {
  return __atomic_load_n(&URCU_TLS(urcu_memb_reader).ctr, __ATOMIC_RELAXED);
}
[[gnu::always_inline]] inline void set_reader_ctr(unsigned long v) noexcept {
  __atomic_store_n(&URCU_TLS(urcu_memb_reader).ctr, v, __ATOMIC_RELAXED);
}
[[gnu::always_inline]] inline void read_lock() noexcept {
  cmm_barrier();
  const unsigned long tmp = reader_ctr();
  if (!(tmp & URCU_GP_CTR_NEST_MASK)) [[likely]] {
    set_reader_ctr(__atomic_load_n(&urcu_memb_gp.ctr, __ATOMIC_RELAXED));
    urcu_memb_smp_mb_slave();
  } else {
    set_reader_ctr(tmp + URCU_GP_COUNT);
  }
}
[[gnu::always_inline]] inline void read_unlock() noexcept {
  const unsigned long tmp = reader_ctr();
  if ((tmp & URCU_GP_CTR_NEST_MASK) == URCU_GP_COUNT) [[likely]] {
    urcu_memb_smp_mb_slave();
    set_reader_ctr(tmp - URCU_GP_COUNT);
    urcu_memb_smp_mb_slave();
    urcu_common_wake_up_gp(&urcu_memb_gp);
  } else {
    set_reader_ctr(tmp - URCU_GP_COUNT);
  }
  cmm_barrier();
}
#else
[[gnu::always_inline]] inline void read_lock() noexcept {
  urcu_memb_read_lock();
}
[[gnu::always_inline]] inline void read_unlock() noexcept {
  urcu_memb_read_unlock();
}
#endif

} // namespace detail

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
    detail::read_lock();
  }
  [[gnu::always_inline]] RCUBOX_VARIANT ~Guard() {
    detail::tsan_release(&detail::tsan_grace_sync);
    detail::read_unlock();
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
