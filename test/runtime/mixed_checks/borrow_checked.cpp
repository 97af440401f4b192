// Built with RCUBOX_DEBUG_CHECKS=1: must always check, whichever copy of
// RcuBox<int>::borrow the linker would otherwise keep.
// SPDX-License-Identifier: MIT
#include <rcu/rcu.hpp>

int borrow_checked(void *p) { return rcu::RcuBox<int>::borrow(p); }
