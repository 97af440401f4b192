// Findings can be silenced with NOLINT comments or by deselecting the check.
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s
// RUN: %rcu_clang -fplugin-arg-rcu-lifetime-checks=-rcu-send-sync %s 2>&1 \
// RUN:   | FileCheck --allow-empty --check-prefix=OFF %s
// OFF-NOT: rcu-send-sync

#include <rcu/rcu.hpp>

struct Shared { // #ss_shared
  int *p; // #ss_shared_p
};
rcu::RcuBox<Shared> *a; // NOLINT(rcu-send-sync)
// NOLINTNEXTLINE(rcu-send-sync)
rcu::RcuBox<Shared> *b;
rcu::RcuBox<Shared> *c; // NOLINT
// A NOLINT for another check does not silence this one.
// expected-warning@+3 {{'rcu::RcuBox<Shared>' requires 'Shared' to be Send}}
// expected-note@#ss_shared_p {{field 'p' has raw pointer type 'int *'}}
// expected-note@#ss_shared {{once you have checked}}
rcu::RcuBox<Shared> *d; // NOLINT(rcu-borrow-escape)
