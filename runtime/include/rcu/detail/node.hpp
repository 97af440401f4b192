// The allocation behind an RcuBox: [padding][rcu_head][cookie][T].
// The value comes last so the cookie is always at value - 8, whatever T is:
// from_foreign can check it without knowing the true type of the pointer.
//
// SPDX-License-Identifier: MIT
#ifndef RCU_DETAIL_NODE_HPP
#define RCU_DETAIL_NODE_HPP

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

#include "../allocator.hpp"
#include "config.hpp"
#include "runtime.hpp"
#include "tsan.hpp"

namespace rcu::detail {

struct NodeHeader {
  rcu_head head;
  // Always present: release and debug TUs agree on the layout. Accessed
  // atomically (relaxed): an rcu_borrow may read it while another thread
  // takes the pointer back with from_foreign.
  std::uintptr_t cookie;

  std::uintptr_t load_cookie() noexcept {
    return std::atomic_ref<std::uintptr_t>(cookie).load(
        std::memory_order_relaxed);
  }
  void store_cookie(std::uintptr_t c) noexcept {
    std::atomic_ref<std::uintptr_t>(cookie).store(c, std::memory_order_relaxed);
  }
};

// Cookie states, mixed with a per-(T, A) address so a pointer of another
// RcuBox type is told apart.
enum : std::uintptr_t {
  kOwned = 0x5243'55B0'0000'0001u,   // held by an RcuBox or Pointer
  kForeign = 0x5243'55B0'0000'0002u, // released by into_foreign
  kDead = 0xDEAD'DEAD'DEAD'DEADu,    // memory about to be freed
};

template <class T, class A> inline constexpr char type_tag = 0;

// "rcubox: <what> was given <problem>", then abort.
[[noreturn, gnu::cold]] void die_foreign(const char *what,
                                         const char *problem) noexcept;

template <class T, class A> struct Node {
  static constexpr std::size_t align = alignof(T) > alignof(NodeHeader)
                                           ? alignof(T)
                                           : alignof(NodeHeader);
  static constexpr std::size_t value_offset =
      (sizeof(NodeHeader) + align - 1) / align * align;
  static constexpr std::size_t header_offset =
      value_offset - sizeof(NodeHeader);
  static constexpr std::size_t size = value_offset + sizeof(T);
  static constexpr std::uint64_t weight = pending_weight(size);

  static std::uintptr_t cookie(std::uintptr_t state) noexcept {
    return state ^ reinterpret_cast<std::uintptr_t>(&type_tag<T, A>);
  }
  static NodeHeader *header(const T *value) noexcept {
    return reinterpret_cast<NodeHeader *>(
        reinterpret_cast<char *>(const_cast<T *>(value)) - sizeof(NodeHeader));
  }
  static char *base(NodeHeader *h) noexcept {
    return reinterpret_cast<char *>(h) - header_offset;
  }

  // Allocates and constructs; nullptr on allocation failure. Exceptions from
  // T's constructor propagate after the memory is released.
  template <class... Args> static T *create(Args &&...args) {
    void *mem = A::allocate(size, align);
    if (!mem)
      return nullptr;
    auto *h = ::new (static_cast<char *>(mem) + header_offset) NodeHeader{};
    h->cookie = cookie(kOwned); // not shared yet
    void *where = static_cast<char *>(mem) + value_offset;
    try {
      if constexpr (std::is_constructible_v<T, Args...>)
        return ::new (where) T(std::forward<Args>(args)...);
      else
        return ::new (where) T{std::forward<Args>(args)...};
    } catch (...) {
      A::deallocate(mem, size, align);
      throw;
    }
  }

  // The grace-period callback for bucket `Bucket` (see detail::defer).
  // Trivially destructible values only free their memory (the kernel's
  // kvfree_call_rcu fast path).
  template <int Bucket>
  RCUBOX_VARIANT static void reclaim(rcu_head *head) noexcept {
    auto *h = reinterpret_cast<NodeHeader *>(head);
    tsan_acquire(h);
    tsan_acquire(&tsan_grace_sync);
    const int outer = reclaim_begin(Bucket);
    if constexpr (!std::is_trivially_destructible_v<T>)
      reinterpret_cast<T *>(reinterpret_cast<char *>(h) + sizeof(NodeHeader))
          ->~T();
    h->store_cookie(kDead);
    A::deallocate(base(h), size, align);
    tsan_release(&tsan_barrier_sync);
    reclaim_end(Bucket, outer, weight);
  }
  static constexpr Reclaim reclaimers[2] = {&reclaim<0>, &reclaim<1>};

  // Drops after a grace period; never blocks.
  RCUBOX_VARIANT static void drop_deferred(const T *value) noexcept {
    NodeHeader *h = header(value);
    tsan_release(h);
    defer(&h->head, reclaimers, weight);
  }

  // Debug check for pointers coming back from foreign code.
  RCUBOX_VARIANT static void check([[maybe_unused]] const void *p,
                                   [[maybe_unused]] bool owned_ok,
                                   [[maybe_unused]] const char *what) noexcept {
#if RCUBOX_DEBUG_CHECKS
    if (!p)
      die_foreign(what, "a null pointer");
    std::uintptr_t c = header(static_cast<const T *>(p))->load_cookie();
    if (c == cookie(kForeign) || (owned_ok && c == cookie(kOwned)))
      return;
    die_foreign(what, c == cookie(kOwned)
                          ? "a pointer already reclaimed by from_foreign "
                            "(double from_foreign?)"
                          : "a pointer that did not come from into_foreign of "
                            "this RcuBox<T, A> "
                            "(wrong type or allocator, or freed)");
#endif
  }
};

} // namespace rcu::detail

#endif // RCU_DETAIL_NODE_HPP
