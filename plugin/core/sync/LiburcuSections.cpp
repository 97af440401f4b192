//===- LiburcuSections.cpp - Waits inside liburcu's sections --------------===//

#include "core/sync/LiburcuSections.h"
#include "core/section/SectionPath.h"
#include "core/sync/WaitChain.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace rcubox::sync {

/// The deepest section depth some path reaches \p State with, if positive:
/// a section this function opened may be open there.
static std::optional<int> openDepth(const section::SectionState &State) {
  if (State.isUnreached() || State.Depths.isUnknown())
    return std::nullopt;
  std::optional<int> Max = State.Depths.maxDepth();
  return Max && *Max > 0 ? Max : std::nullopt;
}

void checkLiburcuSections(const FunctionDecl *FD, ASTContext &Ctx,
                          section::SectionSummaries &Sections,
                          WaitSummaries &Waits,
                          llvm::function_ref<void(const Finding &)> Emit) {
  section::SectionFlow Flow(FD, Ctx, Sections);
  if (!Flow.run())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const CFGBlock *B : Flow.cfg()) {
    section::SectionState After = Flow.entryOf(*B);
    for (unsigned I = 0; I < B->size(); ++I) {
      section::SectionState State = After;
      After = Flow.transfer((*B)[I], State);
      std::optional<int> Depth = openDepth(State);
      auto S = (*B)[I].getAs<CFGStmt>();
      if (!Depth || !S)
        continue;
      forEachCallSiteOf(S->getStmt(), [&](const CallSite &Site) {
        if (!Waits.mayWait(Site))
          return true;
        auto Path = section::findPath(Flow, *B, I, *Depth);
        if (!Path || Path->OpenCalls.empty())
          return true;
        const CallExpr *Opening = Path->OpenCalls.front();
        // QSBR's synchronize_rcu takes the calling thread offline while it
        // waits: no deadlock (the borrows it ends are another check's).
        if (model::classifyFunction(Opening->getDirectCallee()).Flav ==
            model::Flavour::Qsbr)
          return true;
        Finding F;
        // Where the user wrote the wait and the lock, not inside liburcu's
        // macros (see writtenRange).
        F.Loc = SM.getExpansionLoc(Site.At);
        F.Ranges.push_back(section::writtenRange(Site.Range, SM));
        SourceRange Opened =
            section::writtenRange(Opening->getSourceRange(), SM);
        F.Message = "waiting for an RCU grace period inside a read-side "
                    "critical section deadlocks";
        F.Notes.push_back({Opened.getBegin(),
                           "read-side critical section opened here", Opened});
        addWaitChainNotes(F, Site, Waits, SM);
        Emit(F);
        return true;
      });
    }
  }
}

} // namespace rcubox::sync
