//===- SyncInReadSectionCheck.cpp - rcu-sync-in-read-section --------------===//
//
// A forward may-analysis over each function's CFG of which guards are live:
// a guard's section begins at its declaration (or, for a temporary, its
// construction) and ends at its destructor; a guard parameter is live
// throughout. A call made while any guard is live is reported if it may wait
// for a grace period (WaitSummary.h). Sections opened by liburcu's
// rcu_read_lock() are followed by LiburcuSections.h.
//
//===----------------------------------------------------------------------===//

#include "core/sync/SyncInReadSectionCheck.h"
#include "core/Annotations.h"
#include "core/SectionCFG.h"
#include "core/guard/GuardDescription.h"
#include "core/sync/LiburcuSections.h"
#include "core/sync/WaitChain.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "llvm/ADT/SparseBitVector.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace rcubox {
namespace {

/// The guards live at a point, by index into SectionAnalysis::Guards. Sparse:
/// few guards are live at once, however many a function declares.
using LiveGuards = llvm::SparseBitVector<>;

/// A guard whose read-side section a function can see.
struct GuardInfo {
  const VarDecl *Var = nullptr;               // A local or a parameter.
  const CXXBindTemporaryExpr *Temp = nullptr; // A temporary.
  SourceLocation Begin;
  bool isParam() const { return Var && isa<ParmVarDecl>(Var); }
};

std::string guardName(const GuardInfo &G) {
  if (G.Var && !G.Var->getName().empty())
    return "'" + G.Var->getName().str() + "'";
  return G.Temp ? "the temporary guard" : "the guard";
}

/// Where a local's destructor runs: the end of its scope.
SourceLocation destructorLoc(const CFGAutomaticObjDtor &Dtor) {
  const Stmt *Trigger = Dtor.getTriggerStmt();
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Trigger))
    return CS->getRBracLoc();
  return Trigger ? Trigger->getBeginLoc() : Dtor.getVarDecl()->getLocation();
}

/// The temporaries under \p S (a lifetime-extended guard's).
void collectTemporaries(
    const Stmt *S, llvm::SmallPtrSetImpl<const CXXBindTemporaryExpr *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(S))
    Out.insert(BTE);
  for (const Stmt *Child : S->children())
    collectTemporaries(Child, Out);
}

class SectionAnalysis {
public:
  SectionAnalysis(const FunctionDecl *FD, ASTContext &Ctx,
                  sync::WaitSummaries &Summaries,
                  llvm::function_ref<void(const Finding &)> Emit)
      : FD(FD), Ctx(Ctx), SM(Ctx.getSourceManager()), Summaries(Summaries),
        Emit(Emit) {}

  void run();

private:
  void collectGuards();
  void transferBlock(const CFGBlock &B, LiveGuards &Live);
  void check(const sync::CallSite &Site, const LiveGuards &Live);
  std::optional<unsigned> guardID(const void *Key) const {
    auto It = IDs.find(Key);
    return It == IDs.end() ? std::nullopt : std::optional(It->second);
  }

  const FunctionDecl *FD;
  ASTContext &Ctx;
  const SourceManager &SM;
  sync::WaitSummaries &Summaries;
  llvm::function_ref<void(const Finding &)> Emit;
  std::unique_ptr<CFG> Graph;
  std::vector<GuardInfo> Guards; // Outermost (earliest) first.
  llvm::DenseMap<const void *, unsigned> IDs;
  bool Reporting = false;
};

void SectionAnalysis::collectGuards() {
  for (const ParmVarDecl *P : FD->parameters())
    if (holdsGuard(P->getType()))
      Guards.push_back({P, nullptr, P->getLocation()});
  // Temporaries bound to a reference live as long as the reference.
  llvm::SmallPtrSet<const CXXBindTemporaryExpr *, 4> Extended;
  std::vector<GuardInfo> Locals;
  for (const CFGBlock *B : *Graph)
    for (const CFGElement &E : *B) {
      auto S = E.getAs<CFGStmt>();
      if (!S)
        continue;
      if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt())) {
        for (const Decl *D : DS->decls()) {
          const auto *VD = dyn_cast<VarDecl>(D);
          if (!VD || !VD->hasLocalStorage() || !holdsGuard(VD->getType()))
            continue;
          if (VD->getType()->isReferenceType()) {
            const Expr *Init = VD->getInit();
            if (const auto *FE = dyn_cast_or_null<FullExpr>(Init))
              Init = FE->getSubExpr();
            const auto *MTE = dyn_cast_or_null<MaterializeTemporaryExpr>(
                Init ? Init->IgnoreParens() : nullptr);
            if (!MTE || MTE->getExtendingDecl() != VD)
              continue; // Names another guard.
            collectTemporaries(MTE, Extended);
          }
          Locals.push_back({VD, nullptr, VD->getLocation()});
        }
      } else if (const auto *BTE =
                     dyn_cast<CXXBindTemporaryExpr>(S->getStmt())) {
        if (holdsGuard(BTE->getType()))
          Locals.push_back({nullptr, BTE, BTE->getBeginLoc()});
      }
    }
  llvm::erase_if(Locals, [&](const GuardInfo &G) {
    return G.Temp && Extended.count(G.Temp);
  });
  llvm::sort(Locals, [&](const GuardInfo &A, const GuardInfo &B) {
    return SM.isBeforeInTranslationUnit(A.Begin, B.Begin);
  });
  Guards.insert(Guards.end(), Locals.begin(), Locals.end());
  for (unsigned I = 0; I < Guards.size(); ++I)
    IDs.try_emplace(Guards[I].Var ? static_cast<const void *>(Guards[I].Var)
                                  : Guards[I].Temp,
                    I);
}

/// True if a wait in a call to \p Site is reported in the callee itself: a
/// function with a guard parameter runs inside its caller's section, and the
/// check analyses its body like any other (reporting it at the call too
/// would report one wait twice).
bool reportedInCallee(const sync::CallSite &Site, const SourceManager &SM) {
  const FunctionDecl *Def = nullptr;
  if (Site.Virtual || !Site.Callee || !Site.Callee->hasBody(Def) || !Def ||
      SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
    return false;
  return llvm::any_of(Def->parameters(), [](const ParmVarDecl *P) {
    return holdsGuard(P->getType());
  });
}

void SectionAnalysis::check(const sync::CallSite &Site,
                            const LiveGuards &Live) {
  if (!Reporting || Live.empty() || reportedInCallee(Site, SM) ||
      !Summaries.mayWait(Site))
    return;
  const GuardInfo &G = Guards[Live.find_first()];
  Finding F;
  F.Loc = Site.At;
  F.Ranges.push_back(Site.Range);
  F.Message = "waiting for an RCU grace period inside the read-side critical "
              "section of " +
              guardName(G) + " deadlocks";
  if (G.isParam())
    F.Notes.push_back({G.Begin,
                       "the function runs inside its caller's read-side "
                       "critical section: " +
                           guardName(G) + " is a guard parameter",
                       G.Var->getSourceRange()});
  else
    F.Notes.push_back(
        {G.Begin,
         "read-side critical section of " + guardName(G) + " begins here" +
             (G.Temp ? " and lasts to the end of the full-expression" : "")});
  // A user's wrapper: say which member makes it a guard.
  if (auto Holding =
          getGuardHolding(G.Var ? G.Var->getType() : G.Temp->getType());
      Holding && Holding->isWrapper())
    guard::addHoldingNotes(F, *Holding, Ctx);
  if (Site.Destroyed)
    F.Notes.push_back({Site.Destroyed->getLocation(),
                       "'" + Site.Destroyed->getName().str() +
                           "' is destroyed at the end of its scope, calling " +
                           sync::describe(Site.Callee)});
  sync::addWaitChainNotes(F, Site, Summaries, SM);
  Emit(F);
}

void SectionAnalysis::transferBlock(const CFGBlock &B, LiveGuards &Live) {
  auto End = [&](const void *Key) {
    if (auto ID = guardID(Key)) {
      Live.reset(*ID);
      return true;
    }
    return false;
  };
  for (const CFGElement &E : B) {
    if (auto S = E.getAs<CFGStmt>()) {
      const Stmt *St = S->getStmt();
      sync::forEachCallSiteOf(St, [&](const sync::CallSite &Site) {
        check(Site, Live);
        return true;
      });
      if (const auto *DS = dyn_cast<DeclStmt>(St)) {
        for (const Decl *D : DS->decls())
          if (auto ID = guardID(D))
            Live.set(*ID);
      } else if (auto ID = guardID(St)) {
        Live.set(*ID); // A guard temporary.
      }
      continue;
    }
    if (auto Dtor = E.getAs<CFGAutomaticObjDtor>()) {
      const VarDecl *VD = Dtor->getVarDecl();
      if (End(VD) || VD->getType()->isReferenceType())
        continue;
      if (auto Site =
              sync::destructorCallFor(VD->getType(), destructorLoc(*Dtor), VD))
        check(*Site, Live);
      continue;
    }
    if (auto Dtor = E.getAs<CFGTemporaryDtor>()) {
      const CXXBindTemporaryExpr *BTE = Dtor->getBindTemporaryExpr();
      if (End(BTE))
        continue;
      if (auto Site = sync::destructorCallFor(BTE->getType(), BTE->getEndLoc(),
                                              nullptr))
        check(*Site, Live);
      continue;
    }
    if (auto Ends = E.getAs<CFGLifetimeEnds>())
      End(Ends->getVarDecl());
  }
}

void SectionAnalysis::run() {
  const Stmt *Body = FD->getBody();
  if (!Body)
    return;
  CFG::BuildOptions Options = sectionCFGOptions();
  Graph = CFG::buildCFG(FD, const_cast<Stmt *>(Body), &Ctx, Options);
  if (!Graph)
    return;
  collectGuards();
  if (Guards.empty())
    return;

  unsigned N = Guards.size();
  LiveGuards Entry;
  for (unsigned I = 0; I < N && Guards[I].isParam(); ++I)
    Entry.set(I);
  std::vector<LiveGuards> Out(Graph->getNumBlockIDs());
  std::vector<bool> Visited(Graph->getNumBlockIDs(), false);
  auto EntryState = [&](const CFGBlock &B) {
    LiveGuards State;
    if (&B == &Graph->getEntry())
      State = Entry;
    for (const CFGBlock *Pred : B.preds())
      if (Pred && Visited[Pred->getBlockID()])
        State |= Out[Pred->getBlockID()];
    return State;
  };
  PostOrderCFGView RPOT(Graph.get());
  ForwardDataflowWorklist Worklist(*Graph, &RPOT);
  for (const CFGBlock *B : RPOT)
    Worklist.enqueueBlock(B);
  // States only grow (bounded by the guards); the budget only guards
  // against pathological functions.
  size_t Budget = size_t(Graph->getNumBlockIDs()) * (N + 2) + 1024;
  while (const CFGBlock *B = Worklist.dequeue()) {
    if (Budget-- == 0)
      return;
    LiveGuards State = EntryState(*B);
    transferBlock(*B, State);
    unsigned ID = B->getBlockID();
    if (Visited[ID] && State == Out[ID])
      continue;
    Visited[ID] = true;
    Out[ID] = std::move(State);
    Worklist.enqueueSuccessors(B);
  }
  Reporting = true;
  for (const CFGBlock *B : RPOT) {
    LiveGuards State = EntryState(*B);
    transferBlock(*B, State);
  }
}

} // namespace

void SyncInReadSectionCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(functionDecl(isDefinition()).bind("fn"), this);
  Finder.addMatcher(lambdaExpr().bind("lambda"), this);
  Finder.addMatcher(cxxMethodDecl(isOverride()).bind("override"), this);
  Finder.addMatcher(classTemplateDecl().bind("container"), this);
}

void SyncInReadSectionCheck::run(const MatchFinder::MatchResult &Result) {
  if (const auto *MD = Result.Nodes.getNodeAs<CXXMethodDecl>("override"))
    Summaries.addOverride(MD);
  if (const auto *T = Result.Nodes.getNodeAs<ClassTemplateDecl>("container"))
    DeferredDestructions.addTemplate(T);
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn"))
    Functions.insert(FD);
  if (const auto *LE = Result.Nodes.getNodeAs<LambdaExpr>("lambda")) {
    Functions.insert(LE->getCallOperator());
    if (const FunctionTemplateDecl *T = LE->getDependentCallOperator())
      for (const FunctionDecl *Spec : T->specializations())
        Functions.insert(Spec);
  }
}

void SyncInReadSectionCheck::finishTranslationUnit(ASTContext &Ctx) {
  for (const FunctionDecl *FD : Functions)
    analyze(FD, Ctx);
  Functions.clear();
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] {
        DeferredDestructions.report(Ctx, [&](const Finding &F) { report(F); });
      }))
    llvm::errs() << "rcu-lifetime: internal error while looking for waits in "
                    "deferred destructions; they were skipped (please report "
                    "this)\n";
}

void SyncInReadSectionCheck::analyze(const FunctionDecl *FD, ASTContext &Ctx) {
  if (!FD || !FD->hasBody() || FD->isDependentContext() || FD->isInvalidDecl())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())))
    return;
  bool Guards = mentionsGuard(FD);
  bool LiburcuSections = Sections.touchesSections(FD);
  if (!Guards && !LiburcuSections)
    return;
  auto Emit = [&](const Finding &F) {
    // Each template instantiation repeats the same finding.
    if (Reported.insert({F.Loc.getRawEncoding(), unsigned(F.Message.size())})
            .second)
      report(F);
  };
  // A bug in the analysis must never take the compiler down with it.
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] {
        if (Guards)
          SectionAnalysis(FD, Ctx, Summaries, Emit).run();
        if (LiburcuSections)
          sync::checkLiburcuSections(FD, Ctx, Sections, Summaries, Emit);
      }))
    llvm::errs() << "rcu-lifetime: internal error while analysing '"
                 << FD->getQualifiedNameAsString() << "' at "
                 << FD->getLocation().printToString(SM)
                 << "; the function was skipped (please report this)\n";
}

} // namespace rcubox
