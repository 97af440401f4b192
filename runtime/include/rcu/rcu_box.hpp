// rcu::RcuBox: a uniquely owned heap value whose destruction waits for RCU
// readers (the kernel's RcuBox / KBox with kvfree_call_rcu).
//
// SPDX-License-Identifier: MIT
#ifndef RCU_RCU_BOX_HPP
#define RCU_RCU_BOX_HPP

#include <new>
#include <type_traits>
#include <utility>

#include "allocator.hpp"
#include "annotations.hpp"
#include "detail/node.hpp"
#include "guard.hpp"
#include "result.hpp"

// On the implicit object parameter: the result is valid only while the box
// lives (Clang's lifetimebound; nothing elsewhere).
#if defined(__clang__)
#define RCUBOX_LIFETIMEBOUND [[clang::lifetimebound]]
#else
#define RCUBOX_LIFETIMEBOUND
#endif

namespace rcu {

template <class T, Allocator A> class Pointer;

/// Unique owner of a T allocated with A. Move-only. Only const access is
/// offered: once published, readers may be looking at the value. Dropping
/// never blocks: the value is destroyed (and its memory returned to A) after
/// a grace period, on liburcu's call_rcu thread. A moved-from box, or the
/// box Pointer::replace returns for an empty Pointer, is empty (`!box`).
template <class T, Allocator A = Kmalloc> class RCU_REQUIRES_SEND(0) RcuBox {
  static_assert(std::is_object_v<T> && !std::is_array_v<T> &&
                    !std::is_const_v<T>,
                "RcuBox<T>: T must be a non-const, non-array object type");
  static_assert(std::is_nothrow_destructible_v<T>,
                "RcuBox<T>: ~T() must be noexcept: it runs after a grace "
                "period on liburcu's call_rcu thread, where an exception "
                "cannot reach any caller and would terminate the process");
  using Node = detail::Node<T, A>;

public:
  using element_type = T;
  using allocator_type = A;

  /// Allocates and constructs T(args...) (or T{args...} for aggregates).
  /// Allocation failure is returned as AllocError; exceptions thrown by T's
  /// constructor propagate.
  template <class... Args>
  static Result<RcuBox, AllocError> try_new(Args &&...args) {
    if (T *p = Node::create(std::forward<Args>(args)...))
      return RcuBox(p);
    return AllocError{Node::size, Node::align};
  }

  RcuBox(RcuBox &&other) noexcept : ptr_(std::exchange(other.ptr_, nullptr)) {}
  RCUBOX_VARIANT RcuBox &operator=(RcuBox &&other) noexcept {
    RcuBox(std::move(other)).swap(*this);
    return *this;
  }
  RCUBOX_VARIANT ~RcuBox() {
    if (ptr_)
      Node::drop_deferred(ptr_);
  }
  void swap(RcuBox &other) noexcept { std::swap(ptr_, other.ptr_); }

  explicit operator bool() const noexcept { return ptr_ != nullptr; }

  /// The value, valid for the lifetime of the guard `g` (and of the box).
  const T &with_rcu(const Guard &g RCU_BORROW) const noexcept {
    (void)g;
    return *ptr_;
  }
  /// Like Rust's Deref: valid while the box lives. The box must not be empty.
  /// Clang diagnoses (-Wdangling) a reference or pointer kept from a
  /// temporary box; reading through one in the same full-expression
  /// (`int v = *ptr.take();`) is fine and stays allowed.
  const T &operator*() const noexcept RCUBOX_LIFETIMEBOUND { return *ptr_; }
  const T *operator->() const noexcept RCUBOX_LIFETIMEBOUND { return ptr_; }

  // ForeignOwnable / ForeignOwnableRcu.

  /// Gives up ownership as an opaque pointer (to the value) for foreign code.
  /// Exactly one from_foreign must eventually take it back.
  [[nodiscard]] RCUBOX_VARIANT void *into_foreign() && noexcept {
#if RCUBOX_DEBUG_CHECKS
    if (!ptr_)
      detail::die("RcuBox::into_foreign called on an empty RcuBox");
#endif
    Node::header(ptr_)->store_cookie(Node::cookie(detail::kForeign));
    return std::exchange(ptr_, nullptr);
  }
  /// Takes back ownership of a pointer from into_foreign of this RcuBox<T, A>.
  /// Anything else is undefined; debug builds (RCUBOX_DEBUG_CHECKS) abort on
  /// nullptr, a pointer of another RcuBox type, or a second from_foreign.
  RCUBOX_VARIANT static RcuBox from_foreign(void *p) noexcept {
    Node::check(p, false, "RcuBox::from_foreign");
    T *value = static_cast<T *>(p);
    Node::header(value)->store_cookie(Node::cookie(detail::kOwned));
    return RcuBox(value);
  }
  /// Borrows a foreign pointer; valid until from_foreign is called on it.
  RCUBOX_VARIANT static const T &borrow(void *p) noexcept {
    Node::check(p, false, "RcuBox::borrow");
    return *static_cast<const T *>(p);
  }
  /// Borrows a foreign pointer under a guard. Stays valid for the guard's
  /// lifetime even if another thread calls from_foreign and drops the box
  /// meanwhile: the value lives until from_foreign plus one grace period.
  RCUBOX_VARIANT static const T &
  rcu_borrow(void *p, const Guard &g RCU_BORROW) noexcept {
    (void)g;
    Node::check(p, true, "RcuBox::rcu_borrow");
    return *static_cast<const T *>(p);
  }

private:
  friend class Pointer<T, A>;
  explicit RcuBox(T *p) noexcept : ptr_(p) {}
  T *release() && noexcept { return std::exchange(ptr_, nullptr); }

  T *ptr_;
};

/// Allocates a T from A, like `new`: throws std::bad_alloc on failure.
/// Without arguments the value is value-initialised; aggregates are
/// brace-initialised when T is not constructible from (args...).
template <class T, Allocator A = Kmalloc, class... Args>
RcuBox<T, A> make_rcu_box(Args &&...args) {
  auto r = RcuBox<T, A>::try_new(std::forward<Args>(args)...);
  if (!r)
    throw std::bad_alloc();
  return std::move(r).value();
}

template <class T> using RcuKBox = RcuBox<T, Kmalloc>;
template <class T> using RcuVBox = RcuBox<T, Vmalloc>;
template <class T> using RcuKVBox = RcuBox<T, KVmalloc>;

} // namespace rcu

#endif // RCU_RCU_BOX_HPP
