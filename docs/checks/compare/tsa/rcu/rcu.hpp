// What Clang's -Wthread-safety can be told about rcubox: the read side is a
// shared capability, rcu::Guard a scoped capability holding it, and every
// function that waits for a grace period EXCLUDES it. thread_safety.py
// compiles the comparison cases against this header (first on the include
// path, in place of the runtime's) for the -Wthread-safety columns.
// RCU_TSA_REENTRANT makes the capability reentrant (Clang 21+), so nested
// guards are not a double acquisition.
#ifndef RCUBOX_TSA_RCU_HPP
#define RCUBOX_TSA_RCU_HPP

#include <memory>
#include <utility>

#ifdef RCU_TSA_REENTRANT
#define RCU_TSA_CAPABILITY                                                     \
  __attribute__((capability("rcu"), reentrant_capability))
#else
#define RCU_TSA_CAPABILITY __attribute__((capability("rcu")))
#endif

namespace rcu {
struct RCU_TSA_CAPABILITY ReadSide {};
extern ReadSide read_side;
} // namespace rcu

#define RCU_WAITS_FOR_GRACE_PERIOD                                             \
  __attribute__((locks_excluded(::rcu::read_side)))
#define RCU_WAITS_FOR_DEFERRED_DESTRUCTION
#define RCU_BORROW
#define RCU_GUARD_TYPE
#define RCU_SEND
#define RCU_NOT_SEND
#define RCU_SYNC
#define RCU_NOT_SYNC
#define RCU_REQUIRES_SEND(Index)
#define RCU_REQUIRES_SEND_SYNC(Index)

namespace rcu {

class __attribute__((scoped_lockable)) Guard {
public:
  Guard() __attribute__((acquire_shared_capability(read_side)));
  ~Guard() __attribute__((release_generic_capability()));
  Guard(const Guard &) = delete;
  Guard &operator=(const Guard &) = delete;
};

RCU_WAITS_FOR_GRACE_PERIOD void synchronize() noexcept;
RCU_WAITS_FOR_GRACE_PERIOD void barrier() noexcept;

template <class T> class RcuBox {
public:
  explicit RcuBox(T *p) : p_(p) {}
  const T &with_rcu(const Guard &) const noexcept { return *p_; }

private:
  std::unique_ptr<T> p_;
};
template <class T, class... Args> RcuBox<T> make_rcu_box(Args &&...args) {
  return RcuBox<T>(new T(std::forward<Args>(args)...));
}

template <class T> class Pointer {
public:
  const T *load(const Guard &) const noexcept { return p_; }
  RcuBox<T> replace(RcuBox<T> b) noexcept;

private:
  T *p_ = nullptr;
};

} // namespace rcu

#endif // RCUBOX_TSA_RCU_HPP
