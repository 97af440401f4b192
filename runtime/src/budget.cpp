// rcu::set_reclaim_budget / rcu::reclaim_budget and RCUBOX_RECLAIM_BUDGET.
//
// SPDX-License-Identifier: MIT
#include "budget.hpp"

#include "rcu/stats.hpp"

#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace rcu::detail {
namespace {

// The default: 64 MiB and one million objects. A backlog is memory nobody
// can use. A healthy program frees its values within a few grace periods
// (milliseconds): a million 64-byte updates a second with 1 ms grace periods
// leave 64 KiB pending, a thousand times less. Past 64 MiB something is wrong
// (a reader stuck in a long section, or an update flood outrunning the
// reclaimer), and slowing the updaters down is better than growing without
// bound. The object limit bounds what barrier() and the exit flush have to
// drain (about 50 ms for a million values) and covers values that own far
// more memory than their node (a std::vector's buffer is not counted).
ReclaimBudget default_budget() noexcept {
  return {std::size_t{64} << 20, 1'000'000};
}

ReclaimBudget initial_budget() noexcept {
  ReclaimBudget b = default_budget();
  if (const char *env = std::getenv("RCUBOX_RECLAIM_BUDGET")) {
    std::size_t bytes = 0, objects = 0;
    if (parse_budget(env, bytes, objects))
      return {bytes, objects};
    std::fprintf(stderr,
                 "rcubox: warning: ignoring RCUBOX_RECLAIM_BUDGET=\"%s\" "
                 "(expected <bytes>[K|M|G][,<objects>]; 0 = unlimited)\n",
                 env);
  }
  return b;
}

std::uint64_t to_limit(std::size_t n) noexcept {
  return n == 0 ? UINT64_MAX : n;
}

struct State {
  std::atomic<std::size_t> bytes;
  std::atomic<std::size_t> objects;
  State() noexcept {
    ReclaimBudget b = initial_budget();
    bytes.store(b.bytes);
    objects.store(b.objects);
  }
};

State &state() noexcept {
  static State s;
  return s;
}

bool parse_number(const char *&p, std::size_t &out) noexcept {
  if (!std::isdigit(static_cast<unsigned char>(*p)))
    return false;
  char *end = nullptr;
  unsigned long long v = std::strtoull(p, &end, 10);
  out = static_cast<std::size_t>(v);
  p = end;
  return true;
}

} // namespace

bool parse_budget(const char *text, std::size_t &bytes,
                  std::size_t &objects) noexcept {
  const char *p = text;
  if (!parse_number(p, bytes))
    return false;
  int shift = 0;
  switch (*p) {
  case 'K':
  case 'k':
    shift = 10;
    ++p;
    break;
  case 'M':
  case 'm':
    shift = 20;
    ++p;
    break;
  case 'G':
  case 'g':
    shift = 30;
    ++p;
    break;
  default:
    break;
  }
  if (shift && bytes > (SIZE_MAX >> shift))
    return false;
  bytes <<= shift;
  objects = 0;
  if (*p == ',') {
    ++p;
    if (!parse_number(p, objects))
      return false;
  }
  return *p == '\0';
}

BudgetLimits budget_limits() noexcept {
  State &s = state();
  const std::uint64_t bytes = to_limit(s.bytes.load(std::memory_order_relaxed));
  return {to_limit(s.objects.load(std::memory_order_relaxed)),
          bytes == UINT64_MAX ? UINT64_MAX : bytes / kGranule};
}

} // namespace rcu::detail

namespace rcu {

void set_reclaim_budget(ReclaimBudget b) noexcept {
  detail::state().bytes.store(b.bytes);
  detail::state().objects.store(b.objects);
  detail::budget_changed();
}

ReclaimBudget reclaim_budget() noexcept {
  return {detail::state().bytes.load(), detail::state().objects.load()};
}

} // namespace rcu
