// rcubox runtime: everything in one include.
//
// SPDX-License-Identifier: MIT
#ifndef RCU_RCU_HPP
#define RCU_RCU_HPP

#include "detail/config.hpp" // first: sets _LGPL_SOURCE before liburcu

#include "allocator.hpp"
#include "annotations.hpp"
#include "foreign.hpp"
#include "guard.hpp"
#include "pointer.hpp"
#include "rcu_box.hpp"
#include "result.hpp"
#include "stats.hpp"

#endif // RCU_RCU_HPP
