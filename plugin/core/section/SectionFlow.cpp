//===- SectionFlow.cpp - Flow-sensitive read-side sections ----------------===//

#include "core/section/SectionFlow.h"
#include "core/CallableTargets.h"
#include "core/SectionCFG.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"

using namespace clang;

namespace rcubox::section {

/// Summaries nest (a wrapper calling a wrapper); past this depth a callee's
/// effect is Unknown rather than computed.
static constexpr unsigned MaxSummaryDepth = 8;

void SectionState::join(const SectionState &O) {
  Depths.join(O.Depths);
  if (O.Thread == Online::Unreached)
    return;
  if (Thread == Online::Unreached)
    Thread = O.Thread;
  else if (Thread != O.Thread)
    Thread = Online::Unknown;
}

const CallExpr *callOf(const CFGElement &E) {
  auto S = E.getAs<CFGStmt>();
  return S ? dyn_cast<CallExpr>(S->getStmt()) : nullptr;
}

static const FunctionDecl *definitionOf(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || Def->isInvalidDecl() ||
      Def->isDependentContext())
    return nullptr;
  return Def;
}

static std::optional<int> modelDelta(model::ApiCall Api) {
  if (Api.Kind == model::ApiKind::SectionBegin)
    return 1;
  if (Api.Kind == model::ApiKind::SectionEnd)
    return -1;
  return 0;
}

namespace {
/// Finds whether a body calls something that opens or closes a section.
class TouchFinder {
public:
  TouchFinder(llvm::function_ref<bool(const FunctionDecl *)> Callee)
      : Callee(Callee) {}
  bool find(const Stmt *S) {
    if (!S)
      return false;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (Callee(CE->getDirectCallee()))
        return true;
    for (const Stmt *Child : S->children())
      if (find(Child))
        return true;
    return false;
  }

private:
  llvm::function_ref<bool(const FunctionDecl *)> Callee;
};
} // namespace

bool SectionSummaries::touchesSections(const FunctionDecl *FD) {
  if (!FD)
    return false;
  model::ApiCall Api = model::classifyFunction(FD);
  if (Api)
    return Api.Kind == model::ApiKind::SectionBegin ||
           Api.Kind == model::ApiKind::SectionEnd;
  const FunctionDecl *Def = definitionOf(FD);
  if (!Def)
    return false;
  const FunctionDecl *Key = Def->getCanonicalDecl();
  if (auto It = Touches.find(Key); It != Touches.end())
    return It->second;
  // Recursion alone opens nothing; the cycle's other calls decide.
  if (!TouchesInProgress.try_emplace(Key, true).second)
    return false;
  bool Result = TouchFinder([&](const FunctionDecl *Callee) {
                  return touchesSections(Callee);
                }).find(Def->getBody());
  TouchesInProgress.erase(Key);
  Touches[Key] = Result;
  return Result;
}

std::optional<int> SectionSummaries::deltaOf(const FunctionDecl *FD) {
  if (!FD)
    return 0;
  if (model::ApiCall Api = model::classifyFunction(FD))
    return modelDelta(Api);
  if (!touchesSections(FD))
    return 0;
  const FunctionDecl *Def = definitionOf(FD);
  if (!Def)
    return 0;
  const FunctionDecl *Key = Def->getCanonicalDecl();
  if (auto It = DeltaState.find(Key); It != DeltaState.end())
    // A call back into a function being summarised: its effect is what is
    // being computed, so it cannot be known here.
    return It->second == Visit::Done ? Deltas.lookup(Key) : std::nullopt;
  if (Depth >= MaxSummaryDepth)
    return std::nullopt;
  DeltaState[Key] = Visit::InProgress;
  ++Depth;
  std::optional<int> Result;
  SectionFlow Flow(Def, Def->getASTContext(), *this);
  if (Flow.run()) {
    SectionState Returned = Flow.returnState();
    if (Returned.isUnreached())
      Result = 0; // Never returns: its callers' paths end with it.
    else if (Returned.Depths.isExact())
      Result = *Returned.Depths.minDepth();
  }
  --Depth;
  DeltaState[Key] = Visit::Done;
  Deltas[Key] = Result;
  return Result;
}

SectionEffect SectionSummaries::effectOf(const CFGElement &E) {
  SectionEffect Effect;
  const CallExpr *CE = callOf(E);
  if (!CE)
    return Effect;
  // A call through a local that surely holds one function runs that
  // function (pthread_cleanup_pop(1) calls the routine its push stored);
  // other indirect calls are taken to leave sections alone.
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    Callee = indirectCallee(CE);
  if (!Callee)
    return Effect;
  if ((Effect.Api = model::classifyFunction(Callee))) {
    Effect.Delta = modelDelta(Effect.Api);
    Effect.EndsProtection = model::endsQsbrProtection(Effect.Api);
    return Effect;
  }
  Effect.Delta = deltaOf(Callee);
  if (Effect.Delta != 0)
    Effect.Wrapper = Callee;
  return Effect;
}

SectionFlow::SectionFlow(const FunctionDecl *FD, ASTContext &Ctx,
                         SectionSummaries &Summaries)
    : FD(FD), Ctx(Ctx), Summaries(Summaries) {}

SectionState SectionFlow::transfer(const CFGElement &E, SectionState In) const {
  if (In.isUnreached())
    return In;
  SectionEffect Effect = Summaries.effectOf(E);
  if (Effect.Api.Flav == model::Flavour::Qsbr) {
    // Elsewhere going offline and online are no-ops.
    if (Effect.Api.Kind == model::ApiKind::ThreadOffline)
      In.Thread = Online::No;
    else if (Effect.Api.Kind == model::ApiKind::ThreadOnline)
      In.Thread = Online::Yes;
  }
  In.Depths =
      Effect.Delta ? In.Depths.shifted(*Effect.Delta) : DepthSet::unknown();
  return In;
}

SectionState SectionFlow::entryOf(const CFGBlock &B) const {
  SectionState State;
  if (&B == &Graph->getEntry())
    State = SectionState::entry();
  for (const CFGBlock *Pred : B.preds())
    if (Pred)
      State.join(Out[Pred->getBlockID()]);
  return State;
}

SectionState SectionFlow::stateBefore(const CFGBlock &B, unsigned Index) const {
  SectionState State = entryOf(B);
  for (unsigned I = 0; I < Index && I < B.size(); ++I)
    State = transfer(B[I], State);
  return State;
}

bool SectionFlow::returnsNormally(const CFGBlock &Pred) {
  return !Pred.hasNoReturnElement();
}

SectionState SectionFlow::returnState() const {
  SectionState State;
  for (const CFGBlock *Pred : Graph->getExit().preds())
    if (Pred && returnsNormally(*Pred))
      State.join(Out[Pred->getBlockID()]);
  return State;
}

bool SectionFlow::run() {
  const Stmt *Body = FD->getBody();
  if (!Body || FD->isDependentContext())
    return false;
  Graph =
      CFG::buildCFG(FD, const_cast<Stmt *>(Body), &Ctx, sectionCFGOptions());
  if (!Graph)
    return false;
  Out.assign(Graph->getNumBlockIDs(), SectionState());
  PostOrderCFGView RPOT(Graph.get());
  ForwardDataflowWorklist Worklist(*Graph, &RPOT);
  Worklist.enqueueBlock(&Graph->getEntry());
  // Each block's state only grows, through at most 65 depth sets and 3
  // online states; the budget guards against pathological graphs.
  size_t Budget = size_t(Graph->getNumBlockIDs()) * 80 + 1024;
  while (const CFGBlock *B = Worklist.dequeue()) {
    if (Budget-- == 0)
      return false;
    SectionState State = entryOf(*B);
    for (const CFGElement &E : *B)
      State = transfer(E, State);
    SectionState &Old = Out[B->getBlockID()];
    // Joining keeps the sequence monotone even where transfer is not.
    State.join(Old);
    if (State == Old)
      continue;
    Old = State;
    Worklist.enqueueSuccessors(B);
  }
  return true;
}

} // namespace rcubox::section
