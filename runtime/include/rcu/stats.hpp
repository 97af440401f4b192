// rcu::stats() and the reclamation budget: how many deferred destructions
// are pending, and how many the program allows before droppers must help.
//
// SPDX-License-Identifier: MIT
#ifndef RCU_STATS_HPP
#define RCU_STATS_HPP

#include <cstddef>
#include <cstdint>

namespace rcu {

/// A snapshot of the deferred-destruction bookkeeping (process-wide).
/// Bytes are node sizes (value + 24-byte header, rounded up to 16): what the
/// allocator holds for the pending boxes, not memory their values own.
struct Stats {
  std::size_t pending_objects;      ///< dropped, not yet destroyed
  std::size_t pending_bytes;        ///< their node bytes
  std::size_t peak_pending_objects; ///< highest pending_objects seen
  std::size_t peak_pending_bytes;   ///< highest pending_bytes seen
  std::uint64_t destroyed;          ///< deferred destructions completed
  std::uint64_t grace_periods;      ///< grace periods rcubox waited for
  std::uint64_t throttled_drops;    ///< drops reclaimed by the dropping thread
                                    ///< because the budget was exceeded
};

/// Reads the counters. Cheap (a handful of atomic loads); may be called from
/// any thread, inside a read-side section or a deferred destructor.
Stats stats() noexcept;

/// Upper bounds for pending deferred destructions. 0 = unlimited for that
/// dimension. Over budget, a drop outside any read-side section waits for a
/// grace period and destroys the value on the dropping thread (see
/// docs/runtime.md, "Bounded reclamation").
struct ReclaimBudget {
  std::size_t bytes;
  std::size_t objects;
};

/// Sets the process-wide budget (overrides RCUBOX_RECLAIM_BUDGET).
void set_reclaim_budget(ReclaimBudget) noexcept;
/// The budget in force: set_reclaim_budget's, else RCUBOX_RECLAIM_BUDGET's
/// (`<bytes>[,<objects>]`, bytes with an optional K/M/G suffix, read once),
/// else the default.
ReclaimBudget reclaim_budget() noexcept;

} // namespace rcu

#endif // RCU_STATS_HPP
