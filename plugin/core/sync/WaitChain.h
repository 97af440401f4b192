//===- WaitChain.h - Notes that spell how a call comes to wait --*- C++ -*-===//
//
// A call may wait several calls deep. The notes follow the summaries' first
// waiting step in each function ("'reload_all' calls 'drain_queue' here")
// down to the marked function, and suggest the marker for a function that a
// header declares without it: other translation units cannot see its body.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SYNC_WAITCHAIN_H
#define RCUBOX_CORE_SYNC_WAITCHAIN_H

#include "core/Reporter.h"
#include "core/sync/WaitSummary.h"
#include "clang/Basic/SourceManager.h"
#include <string>

namespace rcubox::sync {

/// "'name'", or "the lambda" for a lambda's call operator.
std::string describe(const clang::FunctionDecl *FD);

/// Appends to \p F the notes from \p Site down to the marked function.
void addWaitChainNotes(Finding &F, const CallSite &Site, WaitSummaries &S,
                       const clang::SourceManager &SM);

} // namespace rcubox::sync

#endif // RCUBOX_CORE_SYNC_WAITCHAIN_H
