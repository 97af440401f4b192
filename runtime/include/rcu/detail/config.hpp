// Build-mode switches and the one place liburcu is included.
//
// RCUBOX_URCU_INLINE=1 (default): define _LGPL_SOURCE so liburcu's memb
// read_lock/read_unlock are inlined into the caller (LGPL-2.1 §5 "small
// inline functions"; see docs/runtime.md, Licence). RCUBOX_URCU_INLINE=0:
// every liburcu operation is a call into liburcu-memb.so.
//
// SPDX-License-Identifier: MIT
#ifndef RCU_DETAIL_CONFIG_HPP
#define RCU_DETAIL_CONFIG_HPP

#ifndef RCUBOX_URCU_INLINE
#define RCUBOX_URCU_INLINE 1
#endif

#include "tsan.hpp"

// Under ThreadSanitizer liburcu is always called, never inlined: its inline
// read path uses plain volatile accesses as relaxed atomics (e.g. the futex
// wake-up flag), which TSan would report as races in user code. The calls
// run uninstrumented and rcubox's annotations (tsan.hpp) carry the
// happens-before edges instead.
#if RCUBOX_URCU_INLINE && !RCUBOX_TSAN
#if defined(_URCU_MEMB_H) && !defined(_LGPL_SOURCE)
#error                                                                         \
    "rcubox: <urcu/urcu-memb.h> (or <urcu.h>) was included before <rcu/rcu.hpp> without _LGPL_SOURCE, so the RCU read path would be out-of-line calls. Include <rcu/rcu.hpp> first, define _LGPL_SOURCE yourself, or build with RCUBOX_URCU_INLINE=0."
#endif
#ifndef _LGPL_SOURCE
#define _LGPL_SOURCE
#endif
#endif

// liburcu declares its reader TLS with C++ `thread_local` when compiled as
// C++, which makes every access go through a TLS wrapper (a weak init-function
// test and call) because the definition might have dynamic initialisation. It
// is a C `__thread` variable, so declare it as one: a plain %fs-relative
// access, exactly what a C user of liburcu gets.
#include <urcu/tls-compat.h>
#if defined(CONFIG_RCU_TLS)
#undef DECLARE_URCU_TLS
#define DECLARE_URCU_TLS(type, name) __thread type name
#endif
#include <urcu/urcu-memb.h>

// Debug checks (cookie validation in from_foreign/borrow) follow NDEBUG unless
// set explicitly. The cookie itself is always in the node, so translation
// units built with and without checks agree on the layout.
#ifndef RCUBOX_DEBUG_CHECKS
#ifdef NDEBUG
#define RCUBOX_DEBUG_CHECKS 0
#else
#define RCUBOX_DEBUG_CHECKS 1
#endif
#endif

// Inline functions whose bodies differ with RCUBOX_DEBUG_CHECKS or under
// ThreadSanitizer carry an ABI tag naming the setting, so every translation
// unit links to its own version instead of the linker keeping one (an ODR
// violation). Types are not tagged: boxes pass between translation units
// built either way, since the node layout does not depend on the settings.
#if RCUBOX_DEBUG_CHECKS && RCUBOX_TSAN
#define RCUBOX_VARIANT [[gnu::abi_tag("rcubox_checked_tsan")]]
#elif RCUBOX_DEBUG_CHECKS
#define RCUBOX_VARIANT [[gnu::abi_tag("rcubox_checked")]]
#elif RCUBOX_TSAN
#define RCUBOX_VARIANT [[gnu::abi_tag("rcubox_tsan")]]
#else
#define RCUBOX_VARIANT [[gnu::abi_tag("rcubox_plain")]]
#endif

// The inline and the call flavour of Guard are different types, so TUs built
// in different modes can be linked into one program without ODR clashes.
#if RCUBOX_URCU_INLINE && defined(_LGPL_SOURCE)
#define RCUBOX_MODE_NS urcu_inline
#else
#define RCUBOX_MODE_NS urcu_call
#endif

#endif // RCU_DETAIL_CONFIG_HPP
