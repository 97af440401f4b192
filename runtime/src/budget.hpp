// The reclamation budget as the runtime uses it: limits in the packed units
// of the pending counters (objects, and bytes in 16-byte granules).
//
// SPDX-License-Identifier: MIT
#ifndef RCUBOX_SRC_BUDGET_HPP
#define RCUBOX_SRC_BUDGET_HPP

#include <cstddef>
#include <cstdint>
#include <limits>

namespace rcu::detail {

// Node bytes are counted in granules of 16, malloc's own granularity.
inline constexpr std::uint64_t kGranule = 16;

struct BudgetLimits {
  std::uint64_t objects; // UINT64_MAX: unlimited
  std::uint64_t granules;
};

// The budget in force (RCUBOX_RECLAIM_BUDGET is read at the first call).
BudgetLimits budget_limits() noexcept;

// Re-reads budget_limits() into the copy the drop path uses (runtime.cpp).
void budget_changed() noexcept;

// Parses `<bytes>[,<objects>]` (bytes may end in K, M or G); false if the
// text is malformed. Exposed for the unit tests.
bool parse_budget(const char *text, std::size_t &bytes,
                  std::size_t &objects) noexcept;

} // namespace rcu::detail

#endif // RCUBOX_SRC_BUDGET_HPP
