// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// NOLINT comments inside a macro argument cover the line they are written on,
// as clang-tidy reads them (a test framework's multi-line EXPECT_DEATH block).
#include "routes.h"

#define RUN_BLOCK(...) do { __VA_ARGS__ } while (0)

int suppressed_inside_argument(const RouteBox &b) {
  const Route *p = nullptr;
  RUN_BLOCK({
    { rcu::Guard g; p = &b.with_rcu(g); }
    return p->key; // NOLINT(rcu-borrow-escape)
  });
  return 0;
}

int other_check_named_inside_argument(const RouteBox &b) {
  const Route *p = nullptr;
  // -verify files a finding in a macro argument under the expansion's line.
  // expected-warning@+1 {{pointer into RCU-protected data is used after}}
  RUN_BLOCK({
    { rcu::Guard g; p = &b.with_rcu(g); }
    return p->key; // NOLINT(rcu-send-sync)
  });
  return 0;
}

int next_line_inside_argument(const RouteBox &b) {
  const Route *p = nullptr;
  RUN_BLOCK({
    { rcu::Guard g; p = &b.with_rcu(g); }
    // NOLINTNEXTLINE(rcu-borrow-escape)
    return p->key;
  });
  return 0;
}

int expansion_line_still_covers(const RouteBox &b) {
  const Route *p = nullptr;
  RUN_BLOCK({ rcu::Guard g; p = &b.with_rcu(g); } return p->key;); // NOLINT
  return 0;
}

int unsuppressed_inside_argument(const RouteBox &b) {
  const Route *p = nullptr;
  // expected-warning@+1 {{pointer into RCU-protected data is used after}}
  RUN_BLOCK({
    { rcu::Guard g; p = &b.with_rcu(g); }
    return p->key;
  });
  return 0;
}
