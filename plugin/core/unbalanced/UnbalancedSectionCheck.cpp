//===- UnbalancedSectionCheck.cpp - rcu-unbalanced-section ----------------===//

#include "core/unbalanced/UnbalancedSectionCheck.h"
#include "core/section/SectionPath.h"
#include "core/unbalanced/CorrelatedConditions.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace rcubox {
namespace {

/// Branch notes shown at most per finding: the ones nearest the finding.
constexpr size_t MaxBranchNotes = 6;

/// What the user wrote for \p Call: `rcu_read_unlock` rather than the
/// `_urcu_memb_read_unlock` liburcu's macros turn it into.
std::string spelledName(const CallExpr *Call, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = SM.getExpansionLoc(Call->getBeginLoc());
  StringRef Text = Lexer::getSourceText(CharSourceRange::getTokenRange(Loc), SM,
                                        Ctx.getLangOpts());
  if (!Text.empty())
    return Text.str();
  if (const FunctionDecl *FD = Call->getDirectCallee())
    return FD->getNameAsString();
  return "the call";
}

/// A note at \p Call, where the user wrote it.
Note callNote(const CallExpr *Call, std::string Message,
              const SourceManager &SM) {
  SourceRange Range = section::writtenRange(Call->getSourceRange(), SM);
  return {Range.getBegin(), std::move(Message), Range};
}

std::string functionName(const FunctionDecl *FD) {
  return "'" + FD->getNameAsString() + "'";
}

/// The flavour of the section \p Call opens or closes (a wrapper's is not
/// known here: it counts as any other flavour).
model::Flavour flavourOf(const CallExpr *Call) {
  return Call ? model::classifyFunction(Call->getDirectCallee()).Flav
              : model::Flavour::Unknown;
}

/// QSBR's rcu_read_lock and rcu_read_unlock are no-ops outside debug
/// builds: protection comes from being online, so their balance protects
/// nothing and is not judged.
bool isQsbr(const CallExpr *Call) {
  return flavourOf(Call) == model::Flavour::Qsbr;
}

void addBranchNotes(Finding &F, const section::SectionPath &Path, size_t From) {
  llvm::SmallVector<const section::PathEvent *, 8> Branches;
  for (size_t I = From; I < Path.Events.size(); ++I)
    if (Path.Events[I].What == section::PathEvent::Branch)
      Branches.push_back(&Path.Events[I]);
  size_t Skip =
      Branches.size() > MaxBranchNotes ? Branches.size() - MaxBranchNotes : 0;
  for (size_t I = Skip; I < Branches.size(); ++I)
    F.Notes.push_back(
        {Branches[I]->Loc, Branches[I]->Description, Branches[I]->Range});
}

/// The index of the event opening the innermost section still open at the
/// end of \p Path.
size_t openingEvent(const section::SectionPath &Path) {
  size_t Open = 0;
  llvm::SmallVector<size_t, 4> Stack;
  for (size_t I = 0; I < Path.Events.size(); ++I) {
    if (Path.Events[I].What == section::PathEvent::Open)
      Stack.push_back(I);
    else if (Path.Events[I].What == section::PathEvent::Close && !Stack.empty())
      Stack.pop_back();
  }
  if (!Stack.empty())
    Open = Stack.back();
  return Open;
}

/// Where the function leaves through \p Pred: its return statement, or the
/// closing brace it falls off.
SourceLocation returnLoc(const CFGBlock &Pred, const FunctionDecl *FD,
                         SourceRange &Range) {
  for (auto It = Pred.rbegin(); It != Pred.rend(); ++It)
    if (auto S = It->getAs<CFGStmt>())
      if (const auto *Ret = dyn_cast<ReturnStmt>(S->getStmt())) {
        Range = Ret->getSourceRange();
        return Ret->getReturnLoc();
      }
  if (const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody()))
    return Body->getRBracLoc();
  return FD->getEndLoc();
}

} // namespace

void UnbalancedSectionCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(functionDecl(isDefinition()).bind("function"), this);
}

void UnbalancedSectionCheck::run(const MatchFinder::MatchResult &Result) {
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    Functions.insert(FD);
}

void UnbalancedSectionCheck::finishTranslationUnit(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (const FunctionDecl *FD : Functions) {
    if (FD->isDependentContext() || FD->isInvalidDecl() ||
        SM.isInSystemHeader(FD->getLocation()) ||
        !Summaries.touchesSections(FD))
      continue;
    analyze(FD, Ctx);
  }
}

void UnbalancedSectionCheck::emit(Finding F) {
  if (Reported.insert(F.Loc).second)
    report(F);
}

void UnbalancedSectionCheck::analyze(const FunctionDecl *FD, ASTContext &Ctx) {
  section::SectionFlow Flow(FD, Ctx, Summaries);
  if (!Flow.run() || hasCorrelatedSectionBranches(FD, Summaries))
    return;
  checkUnlocks(Flow, Ctx);
  checkReturns(Flow);
}

void UnbalancedSectionCheck::checkUnlocks(const section::SectionFlow &Flow,
                                          ASTContext &Ctx) {
  for (const CFGBlock *B : Flow.cfg()) {
    section::SectionState After = Flow.entryOf(*B);
    for (unsigned I = 0; I < B->size(); ++I) {
      section::SectionState State = After;
      After = Flow.transfer((*B)[I], State);
      if (State.isUnreached() || State.Depths.isUnknown())
        break;
      const CallExpr *Call = section::callOf((*B)[I]);
      model::ApiCall Api =
          Call ? model::classifyFunction(Call->getDirectCallee())
               : model::ApiCall();
      if (Api.Kind != model::ApiKind::SectionEnd || isQsbr(Call))
        continue;
      std::optional<int> ClosedDepth, NeverDepth;
      bool Open = false;
      State.Depths.forEach([&](int Depth, bool Opened) {
        if (Depth > 0)
          Open = true;
        else if (Opened && !ClosedDepth)
          ClosedDepth = Depth;
        else if (!Opened && !NeverDepth)
          NeverDepth = Depth;
      });
      std::string Name = spelledName(Call, Ctx);
      const SourceManager &SM = Ctx.getSourceManager();
      Finding F;
      SourceRange Written = section::writtenRange(Call->getSourceRange(), SM);
      F.Loc = Written.getBegin();
      F.Ranges.push_back(Written);
      if (ClosedDepth) {
        // The function's own section was opened and closed on this path.
        auto Path = section::findPath(Flow, *B, I, *ClosedDepth, true);
        if (!Path)
          continue;
        F.Message = "'" + Name +
                    "' called with no RCU read-side critical section open: "
                    "the one this function opened is already closed";
        std::optional<size_t> LastOpen;
        const section::PathEvent *LastClose = nullptr;
        for (size_t E = 0; E < Path->Events.size(); ++E) {
          if (Path->Events[E].What == section::PathEvent::Open)
            LastOpen = E;
          else if (Path->Events[E].What == section::PathEvent::Close)
            LastClose = &Path->Events[E];
        }
        if (!LastOpen)
          continue; // The path opened a section; replaying it must agree.
        F.Notes.push_back(callNote(Path->Events[*LastOpen].Call,
                                   "read-side critical section opened here",
                                   SM));
        addBranchNotes(F, *Path, *LastOpen);
        if (LastClose)
          F.Notes.push_back(callNote(LastClose->Call, "and closed here", SM));
        emit(std::move(F));
      } else if (NeverDepth && Open) {
        // Other paths into the unlock opened a section; this one did not.
        auto Path = section::findPath(Flow, *B, I, *NeverDepth, false);
        if (!Path)
          continue;
        F.Message = "'" + Name +
                    "' called with no RCU read-side critical section open "
                    "on this path, though other paths here open one";
        addBranchNotes(F, *Path, 0);
        emit(std::move(F));
      }
    }
  }
}

void UnbalancedSectionCheck::checkReturns(const section::SectionFlow &Flow) {
  section::SectionState Returned = Flow.returnState();
  if (Returned.isUnreached() || Returned.Depths.isUnknown() ||
      Returned.Depths.isExact())
    return; // Every path agrees: balanced, or a wrapper.
  int Max = *Returned.Depths.maxDepth();
  if (Max <= 0)
    return;
  const CFGBlock &Exit = Flow.cfg().getExit();
  const FunctionDecl *FD = Flow.function();
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  // The function's last way out (its final return, or the closing brace).
  // If every path through it keeps a section open, and the function returns
  // a value its callers can test, it returns holding the section and
  // releases it only on its early (error) returns: a lock function that can
  // fail, whose callers unlock. Not judged.
  const CFGBlock *Final = nullptr;
  SourceLocation FinalLoc;
  // Unreachable blocks (code after a goto) may fall off the end too.
  auto Returns = [&](const CFGBlock *Pred) {
    return Pred && section::SectionFlow::returnsNormally(*Pred) &&
           !Flow.exitOf(*Pred).isUnreached();
  };
  for (const CFGBlock *Pred : Exit.preds()) {
    if (!Returns(Pred))
      continue;
    SourceRange Ignored;
    SourceLocation Loc = returnLoc(*Pred, FD, Ignored);
    if (!Final || SM.isBeforeInTranslationUnit(FinalLoc, Loc)) {
      Final = Pred;
      FinalLoc = Loc;
    }
  }
  if (!Final ||
      (!FD->getReturnType()->isVoidType() &&
       Flow.exitOf(*Final).Depths.minDepth() != Returned.Depths.minDepth()))
    return;
  for (const CFGBlock *Pred : Exit.preds()) {
    if (!Returns(Pred))
      continue;
    bool LeavesOpen = false;
    Flow.exitOf(*Pred).Depths.forEach(
        [&](int Depth, bool) { LeavesOpen |= Depth == Max; });
    if (!LeavesOpen)
      continue;
    auto Path = section::findPath(Flow, *Pred, Pred->size(), Max);
    if (!Path || Path->OpenCalls.empty())
      continue;
    size_t OpenIndex = openingEvent(*Path);
    const CallExpr *Opening = Path->Events[OpenIndex].Call;
    if (isQsbr(Opening))
      continue;
    Finding F;
    SourceRange Range;
    F.Loc = returnLoc(*Pred, FD, Range);
    if (Range.isValid())
      F.Ranges.push_back(Range);
    F.Message = "returning with an RCU read-side critical section still "
                "open; other paths out of " +
                functionName(FD) + " close it";
    F.Notes.push_back(
        callNote(Opening, "read-side critical section opened here", SM));
    addBranchNotes(F, *Path, OpenIndex);
    emit(std::move(F));
  }
}

} // namespace rcubox
