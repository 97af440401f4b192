//===- LiburcuSections.h - Waits inside liburcu's sections ------*- C++ -*-===//
//
// rcu-sync-in-read-section for code written directly on liburcu: a call that
// may wait for a grace period (synchronize_rcu, rcu_barrier of any flavour,
// or a function of the translation unit that calls one, WaitSummary.h) made
// where a section opened by rcu_read_lock() may be open
// (section/SectionFlow.h).
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SYNC_LIBURCUSECTIONS_H
#define RCUBOX_CORE_SYNC_LIBURCUSECTIONS_H

#include "core/Reporter.h"
#include "core/section/SectionFlow.h"
#include "core/sync/WaitSummary.h"

namespace rcubox::sync {

/// Reports through \p Emit each call of \p FD that may wait for a grace
/// period made while a liburcu section opened in \p FD may be open.
void checkLiburcuSections(const clang::FunctionDecl *FD, clang::ASTContext &Ctx,
                          section::SectionSummaries &Sections,
                          WaitSummaries &Waits,
                          llvm::function_ref<void(const Finding &)> Emit);

} // namespace rcubox::sync

#endif // RCUBOX_CORE_SYNC_LIBURCUSECTIONS_H
