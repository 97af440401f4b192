// Built with RCUBOX_DEBUG_CHECKS=0: must never check.
// SPDX-License-Identifier: MIT
#include <rcu/rcu.hpp>

int borrow_unchecked(void *p) { return rcu::RcuBox<int>::borrow(p); }
