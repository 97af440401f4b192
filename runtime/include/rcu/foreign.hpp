// rcu::ForeignOwnable / rcu::ForeignOwnableRcu: owners that can cross a C API
// as a void* and come back (the kernel's ForeignOwnable traits).
//
// SPDX-License-Identifier: MIT
#ifndef RCU_FOREIGN_HPP
#define RCU_FOREIGN_HPP

#include <concepts>
#include <utility>

#include "guard.hpp"

namespace rcu {

/// P can be turned into a void* (into_foreign), borrowed from it (borrow) and
/// turned back exactly once (from_foreign).
template <class P>
concept ForeignOwnable = std::movable<P> && requires(P p, void *f) {
  { std::move(p).into_foreign() } -> std::same_as<void *>;
  { P::from_foreign(f) } -> std::same_as<P>;
  P::borrow(f);
};

/// Additionally, the foreign pointer can be borrowed under a Guard with the
/// borrow lasting for the guard even if from_foreign runs concurrently.
template <class P>
concept ForeignOwnableRcu =
    ForeignOwnable<P> &&
    requires(void *f, const Guard &g) { P::rcu_borrow(f, g); };

} // namespace rcu

#endif // RCU_FOREIGN_HPP
