// Allocators for RcuBox nodes: the C++ counterparts of kmalloc, vmalloc and
// kvmalloc. Memory is always returned to the allocator that produced it.
//
// SPDX-License-Identifier: MIT
#ifndef RCU_ALLOCATOR_HPP
#define RCU_ALLOCATOR_HPP

#include <concepts>
#include <cstddef>
#include <new>

namespace rcu {

/// A user allocator is a type with two static functions:
///   static void* allocate(std::size_t size, std::size_t align) noexcept;
///     returns memory for `size` bytes aligned to `align` (a power of two),
///     or nullptr on failure (never throws);
///   static void deallocate(void* p, std::size_t size, std::size_t align)
///   noexcept;
///     releases memory from allocate() with the same size and align.
/// deallocate may run on any thread (usually liburcu's call_rcu thread).
template <class A>
concept Allocator = requires(void *p, std::size_t n) {
  { A::allocate(n, n) } noexcept -> std::same_as<void *>;
  { A::deallocate(p, n, n) } noexcept;
};

/// General-purpose heap (operator new), honours any alignment. The aligned
/// overloads (memalign underneath) are only used when malloc's natural
/// alignment is not enough: they are markedly slower.
struct Kmalloc {
  static void *allocate(std::size_t size, std::size_t align) noexcept {
    if (align <= __STDCPP_DEFAULT_NEW_ALIGNMENT__)
      return ::operator new(size, std::nothrow);
    return ::operator new(size, std::align_val_t{align}, std::nothrow);
  }
  static void deallocate(void *p, std::size_t size,
                         std::size_t align) noexcept {
    if (align <= __STDCPP_DEFAULT_NEW_ALIGNMENT__)
      ::operator delete(p, size);
    else
      ::operator delete(p, size, std::align_val_t{align});
  }
};

/// Whole pages from mmap(2), for large values; alignment up to any power of
/// two (above the page size the mapping is over-allocated and trimmed).
struct Vmalloc {
  static void *allocate(std::size_t size, std::size_t align) noexcept;
  static void deallocate(void *p, std::size_t size, std::size_t align) noexcept;
};

/// Kmalloc up to `threshold` bytes, Vmalloc above. The choice depends only on
/// the size, so deallocate always picks the allocator that allocated.
struct KVmalloc {
  /// 8 pages: the kernel's PAGE_ALLOC_COSTLY_ORDER boundary.
  static constexpr std::size_t threshold = 32 * 1024;
  static void *allocate(std::size_t size, std::size_t align) noexcept {
    return size <= threshold ? Kmalloc::allocate(size, align)
                             : Vmalloc::allocate(size, align);
  }
  static void deallocate(void *p, std::size_t size,
                         std::size_t align) noexcept {
    if (size <= threshold)
      Kmalloc::deallocate(p, size, align);
    else
      Vmalloc::deallocate(p, size, align);
  }
};

static_assert(Allocator<Kmalloc> && Allocator<Vmalloc> && Allocator<KVmalloc>);

} // namespace rcu

#endif // RCU_ALLOCATOR_HPP
