// rcu::Result<T, E> and rcu::AllocError: fallible construction as a value
// (the kernel's Result<Self, AllocError>), since std::expected is C++23.
//
// SPDX-License-Identifier: MIT
#ifndef RCU_RESULT_HPP
#define RCU_RESULT_HPP

#include <cstddef>
#include <type_traits>
#include <utility>
#include <variant>

#include "detail/runtime.hpp"

namespace rcu {

/// The allocator returned nullptr for a node of `size` bytes, `align` aligned.
struct AllocError {
  std::size_t size = 0;
  std::size_t align = 0;
};

/// Either a T (success) or an E (error). Accessing the wrong side aborts.
template <class T, class E>
  requires(!std::is_same_v<T, E>)
class [[nodiscard]] Result {
public:
  Result(T value) noexcept(std::is_nothrow_move_constructible_v<T>)
      : v_(std::in_place_index<0>, std::move(value)) {}
  Result(E error) noexcept(std::is_nothrow_move_constructible_v<E>)
      : v_(std::in_place_index<1>, std::move(error)) {}

  bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T &value() & noexcept { return *get<0>(&v_); }
  const T &value() const & noexcept { return *get<0>(&v_); }
  T &&value() && noexcept { return std::move(*get<0>(&v_)); }
  const E &error() const & noexcept { return *get<1>(&v_); }

  T &operator*() & noexcept { return value(); }
  const T &operator*() const & noexcept { return value(); }
  T &&operator*() && noexcept { return std::move(*this).value(); }
  T *operator->() noexcept { return &value(); }
  const T *operator->() const noexcept { return &value(); }

private:
  template <std::size_t I, class V> static auto *get(V *v) noexcept {
    auto *p = std::get_if<I>(v);
    if (!p) [[unlikely]]
      detail::die(I == 0 ? "rcu::Result::value() called on an error"
                         : "rcu::Result::error() called on a value");
    return p;
  }
  std::variant<T, E> v_;
};

} // namespace rcu

#endif // RCU_RESULT_HPP
