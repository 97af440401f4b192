//===- SyncInReadSectionCheck.h - rcu-sync-in-read-section ------*- C++ -*-===//
//
// Waiting for a grace period inside a read-side critical section waits for
// that very section: rcu::synchronize(), rcu::barrier() or anything that
// may call them, made while a guard is live, deadlocks. So does waiting for
// deferred destructions (rcu::barrier()) in a destructor that runs as one.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SYNC_SYNCINREADSECTIONCHECK_H
#define RCUBOX_CORE_SYNC_SYNCINREADSECTIONCHECK_H

#include "core/Check.h"
#include "core/section/SectionFlow.h"
#include "core/sync/DeferredDestructionWaits.h"
#include "core/sync/WaitSummary.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"

namespace rcubox {

class SyncInReadSectionCheck final : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  /// Overrides are only all known at the end: the analysis runs there.
  void finishTranslationUnit(clang::ASTContext &Ctx) override;

private:
  void analyze(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);

  llvm::SetVector<const clang::FunctionDecl *> Functions;
  sync::WaitSummaries Summaries;
  section::SectionSummaries Sections;
  sync::DeferredDestructionWaits DeferredDestructions;
  llvm::DenseSet<std::pair<unsigned, unsigned>> Reported;
};

} // namespace rcubox

#endif // RCUBOX_CORE_SYNC_SYNCINREADSECTIONCHECK_H
