// rcu::Pointer: the RCU publication point for a boxed value.
//
// SPDX-License-Identifier: MIT
#ifndef RCU_POINTER_HPP
#define RCU_POINTER_HPP

#include <utility>

#include "annotations.hpp"
#include "guard.hpp"
#include "rcu_box.hpp"

namespace rcu {

/// Holds at most one RcuBox<T, A> that readers load under a Guard while
/// updaters replace it. Not copyable or movable (readers hold its address).
/// Destroying it drops the current value the deferred way.
template <class T, Allocator A = Kmalloc>
class RCU_REQUIRES_SEND_SYNC(0) Pointer {
public:
  Pointer() noexcept = default;
  explicit Pointer(RcuBox<T, A> box) noexcept
      : ptr_(std::move(box).release()) {}
  RCUBOX_VARIANT ~Pointer() {
    if (ptr_)
      detail::Node<T, A>::drop_deferred(ptr_);
  }
  Pointer(const Pointer &) = delete;
  Pointer &operator=(const Pointer &) = delete;

  /// rcu_dereference: the current value, or nullptr when empty. Valid for the
  /// lifetime of the guard. A consume (on x86: plain) load.
  const T *load(const Guard &g RCU_BORROW) const noexcept {
    (void)g;
    return __atomic_load_n(&ptr_, __ATOMIC_CONSUME);
  }

  /// rcu_assign_pointer + take the old value: publishes `box` (release) and
  /// returns the previous owner (empty if there was none). Dropping the
  /// returned box is what defers the old value's destruction. Safe against
  /// concurrent replace() calls.
  [[nodiscard]] RcuBox<T, A> replace(RcuBox<T, A> box) noexcept {
    return RcuBox<T, A>{
        __atomic_exchange_n(&ptr_, std::move(box).release(), __ATOMIC_ACQ_REL)};
  }
  /// Unpublishes and returns the current value; the Pointer becomes empty.
  [[nodiscard]] RcuBox<T, A> take() noexcept {
    return RcuBox<T, A>{__atomic_exchange_n(&ptr_, nullptr, __ATOMIC_ACQ_REL)};
  }

private:
  T *ptr_ = nullptr;
};

} // namespace rcu

#endif // RCU_POINTER_HPP
