//===- CorrelatedConditions.h - Locks and unlocks under one test -*- C++ -*-//
//
// `if (need) rcu_read_lock(); ... if (need) rcu_read_unlock();` is balanced,
// but a path-insensitive analysis sees the infeasible paths too (lock without
// unlock, unlock without lock). rcu-unbalanced-section does not judge a
// function where two `if` statements testing the same condition (the same
// source text) each open or close a section: it says nothing rather than
// guess which paths are feasible.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_UNBALANCED_CORRELATEDCONDITIONS_H
#define RCUBOX_CORE_UNBALANCED_CORRELATEDCONDITIONS_H

#include "core/section/SectionFlow.h"

namespace rcubox {

/// True if two `if` statements of \p FD with the same condition text each
/// contain a call that opens or closes a section.
bool hasCorrelatedSectionBranches(const clang::FunctionDecl *FD,
                                  section::SectionSummaries &Summaries);

} // namespace rcubox

#endif // RCUBOX_CORE_UNBALANCED_CORRELATEDCONDITIONS_H
