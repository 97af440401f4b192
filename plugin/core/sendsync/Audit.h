//===- Audit.h - Send/Sync of every record in a TU, for review --*- C++ -*-===//
//
// With -fplugin-arg-rcu-lifetime-send-sync-audit=all (or =main), prints one
// line per complete, non-dependent class in the translation unit (or in the
// main file only):
//   rcu-send-sync-audit: 'std::mutex': Send Sync
//   rcu-send-sync-audit: 'std::unique_lock<std::mutex>': !Send Sync
// to review what the check infers and to test it over whole libraries.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SENDSYNC_AUDIT_H
#define RCUBOX_CORE_SENDSYNC_AUDIT_H

#include "core/sendsync/Explain.h"
#include "llvm/Support/raw_ostream.h"

namespace rcubox::sendsync {

void runAudit(clang::ASTContext &Ctx, TraitSolver &Solver, const Explainer &Ex,
              llvm::StringRef Scope, llvm::raw_ostream &OS);

} // namespace rcubox::sendsync

#endif // RCUBOX_CORE_SENDSYNC_AUDIT_H
