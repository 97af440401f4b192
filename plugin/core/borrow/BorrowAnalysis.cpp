//===- BorrowAnalysis.cpp - Do guard borrows escape their guard? ----------===//
//
// The transfer functions over CFG elements and the fixpoint.
//
//===----------------------------------------------------------------------===//

#include "core/borrow/BorrowAnalysis.h"
#include "core/Compat.h"
#include "core/SectionCFG.h"
#include "core/borrow/ForwardedConstruction.h"
#include "core/borrow/FunctionAnalysis.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "clang/Basic/SourceManager.h"

namespace rcubox::borrow {

BorrowEscapeHandler::~BorrowEscapeHandler() = default;

namespace internal {
namespace {

void joinInto(HolderState &Into, const HolderState &From) {
  for (const auto &[Var, Loans] : From) {
    auto [It, Inserted] = Into.try_emplace(Var, Loans);
    if (!Inserted)
      It->second |= Loans;
  }
}

bool containsTry(const Stmt *S) {
  if (!S)
    return false;
  if (isa<CXXTryStmt>(S))
    return true;
  if (isa<LambdaExpr>(S))
    return false;
  for (const Stmt *Child : S->children())
    if (containsTry(Child))
      return true;
  return false;
}

/// Guards declared inside GNU statement expressions, whose value is used
/// after they end.
void collectStmtExprGuards(const Stmt *S, bool Inside,
                           llvm::SmallPtrSetImpl<const VarDecl *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  Inside |= isa<StmtExpr>(S);
  if (const auto *DS = dyn_cast<DeclStmt>(S); DS && Inside)
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && isGuardType(VD->getType()))
        Out.insert(VD);
  for (const Stmt *Child : S->children())
    collectStmtExprGuards(Child, Inside, Out);
}

/// The join of the states at the end of \p B's visited predecessors.
HolderState entryState(const CFGBlock &B, llvm::ArrayRef<HolderState> Out,
                       const std::vector<bool> &Visited) {
  HolderState State;
  for (const CFGBlock *Pred : B.preds())
    if (Pred && Visited[Pred->getBlockID()])
      joinInto(State, Out[Pred->getBlockID()]);
  return State;
}

bool sameState(const HolderState &A, const HolderState &B) {
  if (A.size() != B.size())
    return false;
  for (const auto &[Var, Loans] : A) {
    auto It = B.find(Var);
    if (It == B.end() || It->second != Loans)
      return false;
  }
  return true;
}

} // namespace

//===----------------------------------------------------------------------===//
// Transfer functions
//===----------------------------------------------------------------------===//

void FunctionAnalysis::expire(const LoanBits &Expiring, HolderState &State) {
  auto Expire = [&](LoanSet &Set) {
    LoanBits Moving = Set.Live;
    Moving &= Expiring;
    if (Moving.empty())
      return;
    Set.Live.intersectWithComplement(Moving);
    Set.Dangling |= Moving;
  };
  for (auto &[Var, Holding] : State) {
    Expire(Holding.Ref);
    Expire(Holding.Val);
  }
}

void FunctionAnalysis::expireLoans(const void *GuardKey, bool IsTemporary,
                                   SourceLocation At, HolderState &State) {
  auto Found = LoansOfGuard.find(GuardKey);
  if (Found == LoansOfGuard.end())
    return;
  LoanBits Expiring;
  for (unsigned ID : Found->second) {
    Expiring.set(ID);
    if (GuardEndOf[ID].isInvalid())
      GuardEndOf[ID] = At;
  }
  expire(Expiring, State);
  // A temporary's full-expression has been evaluated by now (its
  // destructor can precede the return statement's element in the CFG).
  if (!IsTemporary &&
      StmtExprGuards.count(static_cast<const VarDecl *>(GuardKey)))
    State[EndedGuards].Val.Dangling |= Expiring;
}

void FunctionAnalysis::guardConstructed(const void *GuardKey,
                                        HolderState &State) {
  auto Found = LoansOfGuard.find(GuardKey);
  auto Ended = State.find(EndedGuards);
  if (Found == LoansOfGuard.end() || Ended == State.end())
    return;
  for (unsigned ID : Found->second)
    Ended->second.Val.Dangling.reset(ID);
}

void FunctionAnalysis::checkThreadArgs(const Expr *At, const NamedDecl *Spawner,
                                       llvm::ArrayRef<const Expr *> Args,
                                       const HolderState &State,
                                       llvm::function_ref<ThreadEnd()> EndOf) {
  if (!Reporting)
    return;
  std::optional<ThreadEnd> End;
  for (const Expr *Arg : Args) {
    LoanSet Value = eval(Arg, State).Val;
    if (Value.Live.empty())
      continue;
    if (!End)
      End = EndOf();
    if (End->WithinFullExpression)
      return;
    reportEscape(EscapeKind::Thread, At, Spawner, Arg->getType(), Value,
                 [&](const Loan &L) {
                   return !End->Owner || outlivesGuard(End->Owner, L);
                 });
    if (ReportedStores.count(At))
      return;
  }
}

void FunctionAnalysis::storeConstructedInPlace(const CallExpr *Call,
                                               const CallParts &Parts,
                                               HolderState &State) {
  // emplace(p, g) made a view of g inside the object: an optional now holds
  // it in place of what it held, a container holds one more.
  const auto *MD = dyn_cast<CXXMethodDecl>(Parts.Callee);
  if (!MD || !Parts.Object || !isa<CXXMemberCallExpr>(Call) ||
      !LoanOfCall.count(Call) || !isStandardLibraryDecl(MD))
    return;
  Destination D = classifyDestination(Call);
  const CXXRecordDecl *Holder = MD->getParent();
  D.Direct = Holder->getIdentifier() && Holder->getName() == "optional";
  D.ViaContainer = !D.Direct;
  storeInto(Call, D, loanOf(Call, State), Parts.Object->getType(), State);
}

void FunctionAnalysis::transferStmt(const Stmt *S, HolderState &State) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    checkUse(DRE, State);
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (VD && holdsGuard(VD->getType()))
        guardConstructed(VD, State);
      if (!VD || !VD->getInit() || isGuardType(VD->getType()))
        continue;
      // A std::function made from a lambda keeps it to run later; a
      // closure variable is judged where it is called or handed on.
      if (const CXXRecordDecl *RD = VD->getType()->getAsCXXRecordDecl();
          RD && !RD->isLambda() && describeBorrow(VD->getType()) == "lambda")
        checkHandedOnLambdas(VD->getInit(), VD->getInit(), State);
      ExprLoans Init = eval(VD->getInit(), State);
      bool IsRef = VD->getType()->isReferenceType();
      if (!VD->hasLocalStorage()) {
        LoanSet Value = Init.Val;
        if (IsRef)
          Value |= Init.Ref;
        reportEscape(EscapeKind::Global, DS, VD, VD->getType(), Value,
                     [](const Loan &) { return true; });
        continue;
      }
      if (IsRef)
        State[VD] = Init;
      else if (Types.mayHoldBorrow(VD->getType()))
        State[VD] = ExprLoans{LoanSet(), Init.Val};
    }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign &&
        Types.mayHoldBorrow(BO->getLHS()->getType()))
      store(BO, BO->getLHS(), eval(BO->getRHS(), State).Val,
            BO->getLHS()->getType(), State);
    return;
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
    const Expr *RV = RS->getRetValue();
    if (!RV)
      return;
    QualType RetTy = FD->getReturnType();
    ExprLoans V = eval(RV, State);
    LoanSet Value = V.Val;
    if (RetTy->isReferenceType())
      Value |= V.Ref;
    else if (!Types.mayHoldBorrow(RetTy))
      return;
    reportEscape(EscapeKind::Return, RS, nullptr, RetTy, Value,
                 isLocalOrTemporaryGuard);
    return;
  }
  if (isa<CoreturnStmt, CoyieldExpr>(S)) {
    checkCoroutineResult(S, State);
    return;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    if (auto Parts = decomposeCall(CE))
      checkHandedOnLambdas(CE, *Parts, State);
    if (isThreadSpawningType(CE->getType()))
      checkThreadArgs(CE, CE->getConstructor()->getParent(),
                      llvm::ArrayRef(CE->getArgs(), CE->getNumArgs()), State,
                      [&] { return threadEndOf(CE); });
    return;
  }
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call)
    return;
  auto Parts = decomposeCall(Call);
  if (!Parts)
    return;
  checkHandedOnLambdas(Call, *Parts, State);
  storeConstructedInPlace(Call, *Parts, State);
  // The table says what a library call writes, out-arguments included.
  if (applyLibraryStores(Call, *Parts, State))
    return;
  updateOutArguments(Call, *Parts, State);
  applySummaryStores(Call, *Parts, State);
  if (isThreadSpawningFunction(Parts->Callee)) {
    checkThreadArgs(Call, Parts->Callee, Parts->Args, State,
                    [&] { return threadEndOf(Call); });
    return;
  }
  const auto *MD = dyn_cast<CXXMethodDecl>(Parts->Callee);
  // operator= of a class that may hold a borrow: a store.
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (OCE->getOperator() == OO_Equal && Parts->Object &&
        Parts->Args.size() == 1 &&
        Types.mayHoldBorrow(Parts->Object->getType())) {
      const Expr *Arg = Parts->Args[0];
      QualType Holder = Parts->Object->getType();
      ExprLoans V = eval(Arg, State);
      bool CopyAssign = MD && (MD->isCopyAssignmentOperator() ||
                               MD->isMoveAssignmentOperator());
      LoanSet Value;
      if (CopyAssign || keepsPointer(Holder, Arg))
        Value = V.Val;
      if (!CopyAssign && keepsReferenceTo(Parts->Callee, 0, Holder, Arg))
        Value |= V.Ref;
      store(Call, Parts->Object, Value, Parts->Object->getType(), State);
      return;
    }
  }
  // Insertions into containers, and [[clang::lifetime_capture_by(this)]].
  // A member call names its container with its arrow, if any.
  const Expr *Container = isa<CXXMemberCallExpr>(Call) ? Call : Parts->Object;
  QualType Holder = Parts->Object
                        ? Parts->Object->getType().getNonReferenceType()
                        : QualType();
  if (!Holder.isNull() && Holder->isPointerType())
    Holder = Holder->getPointeeType();
  // Emplacing into a container of threads (or an optional) starts one.
  if (MD && Parts->Object && isContainerInsertion(MD) && !Holder.isNull()) {
    if (const CXXRecordDecl *Thread = threadElementOf(Holder)) {
      checkThreadArgs(Call, Thread, Parts->Args, State, [&] {
        return ThreadEnd{false, threadOwningLocal(Parts->Object)};
      });
      return;
    }
  }
  if (MD && Parts->Object && isContainerInsertion(MD) &&
      Types.mayHoldBorrow(Holder)) {
    // The container copies or moves its arguments into a new element; an
    // emplaced view or pointer may refer to the argument itself.
    LoanSet Value = emptySet();
    QualType ElementType;
    for (unsigned I = 0; I < Parts->Args.size(); ++I) {
      const Expr *Arg = Parts->Args[I];
      ExprLoans V = eval(Arg, State);
      LoanSet Kept;
      if (keepsPointer(Holder, Arg))
        Kept |= V.Val;
      if (keepsReferenceTo(Parts->Callee, I, Holder, Arg))
        Kept |= V.Ref;
      if (!Kept.empty() && ElementType.isNull())
        ElementType = Arg->getType();
      Value |= Kept;
    }
    if (!Value.empty()) {
      Destination D = classifyDestination(Container);
      D.Direct = false;
      D.ViaContainer = true;
      storeInto(Call, D, Value, ElementType, State);
    }
    return;
  }
  for (unsigned I = 0; I < Parts->Args.size(); ++I) {
    const ParmVarDecl *P = Parts->Params[I];
    if (!P || !compat::hasLifetimeCaptureBy(P))
      continue;
    LoanSet Value =
        sourceLoans(Parts->Args[I], P->getType()->isReferenceType(), State, 0);
    for (int Target : compat::lifetimeCaptureTargets(P)) {
      if (Target == compat::CaptureThis && Parts->Object) {
        Destination D = classifyDestination(Container);
        D.Direct = false;
        D.ViaContainer = true;
        storeInto(Call, D, Value, P->getType(), State);
      } else if (Target == compat::CaptureGlobal ||
                 Target == compat::CaptureUnknown) {
        reportEscape(EscapeKind::Global, Call, nullptr, P->getType(), Value,
                     [](const Loan &) { return true; });
      } else if (Target >= 0 && unsigned(Target) < Parts->Args.size()) {
        Destination D = classifyDestination(Parts->Args[Target]);
        D.Direct = false;
        D.ViaContainer = true;
        storeInto(Call, D, Value, P->getType(), State);
      }
    }
  }
}

void FunctionAnalysis::expireGuardsOfTry(const CXXCatchStmt *Catch,
                                         HolderState &State) {
  // Unwinding to the handler destroyed every guard and variable of the try
  // block; the exception edges into the handler do not show it.
  const auto *Try = dyn_cast_or_null<CXXTryStmt>(Parents->getParent(Catch));
  if (!Try)
    return;
  SourceRange Body = Try->getTryBlock()->getSourceRange();
  const SourceManager &SM = Ctx.getSourceManager();
  auto InTryBlock = [&](SourceLocation At) {
    return SM.isBeforeInTranslationUnit(Body.getBegin(), At) &&
           SM.isBeforeInTranslationUnit(At, Body.getEnd());
  };
  llvm::SmallVector<const VarDecl *, 8> Gone;
  for (const auto &Entry : State)
    if (Entry.first && InTryBlock(Entry.first->getLocation()))
      Gone.push_back(Entry.first);
  for (const VarDecl *VD : Gone)
    State.erase(VD);

  auto [It, Inserted] = LoansOfTryBlock.try_emplace(Try);
  if (Inserted)
    for (const Loan &L : Loans)
      if (InTryBlock(L.Guard.K == GuardRef::Temporary
                         ? L.Guard.Temp->getBeginLoc()
                         : L.Guard.Var->getLocation()) &&
          isLocalOrTemporaryGuard(L)) {
        It->second.set(L.ID);
        if (GuardEndOf[L.ID].isInvalid())
          GuardEndOf[L.ID] = Catch->getBeginLoc();
      }
  expire(It->second, State);
}

void FunctionAnalysis::collectRangeForGuards() {
  // Clang's CFG has no destructor for a variable of a range-for's
  // init-statement: its guard ends where the loop is left, which is the
  // condition's exit successor (breaks jump there too).
  for (const CFGBlock *B : *Graph) {
    const auto *Loop =
        dyn_cast_or_null<CXXForRangeStmt>(B->getTerminatorStmt());
    const auto *Init =
        Loop ? dyn_cast_or_null<DeclStmt>(Loop->getInit()) : nullptr;
    if (!Init || B->succ_size() < 2 || !*std::next(B->succ_begin()))
      continue;
    const CFGBlock *Exit = *std::next(B->succ_begin());
    for (const Decl *D : Init->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && holdsGuard(VD->getType()))
        GuardsEndingAt[Exit].push_back({VD, Loop->getEndLoc()});
  }
}

void FunctionAnalysis::transferBlock(const CFGBlock &B, HolderState &State) {
  if (const auto *Catch = dyn_cast_or_null<CXXCatchStmt>(B.getLabel()))
    expireGuardsOfTry(Catch, State);
  if (auto It = GuardsEndingAt.find(&B); It != GuardsEndingAt.end())
    for (const auto &[Guard, At] : It->second)
      expireLoans(Guard, /*IsTemporary=*/false, At, State);
  for (const CFGElement &E : B) {
    if (auto S = E.getAs<CFGStmt>()) {
      transferStmt(S->getStmt(), State);
      continue;
    }
    if (auto Init = E.getAs<CFGInitializer>()) {
      const CXXCtorInitializer *CI = Init->getInitializer();
      const FieldDecl *F = CI->getMember();
      if (!F || !CI->getInit())
        continue;
      ExprLoans V = eval(CI->getInit(), State);
      LoanSet Value = V.Val;
      if (F->getType()->isReferenceType())
        Value |= V.Ref;
      reportEscape(EscapeKind::Member, CI->getInit(), F, F->getType(), Value,
                   [&](const Loan &L) { return !isViewOfGuard(L); });
      continue;
    }
    if (auto Dtor = E.getAs<CFGAutomaticObjDtor>()) {
      // A guard, or an object holding one: a user's read-section wrapper
      // ends its section with its own destructor.
      const VarDecl *VD = Dtor->getVarDecl();
      if (!holdsGuard(VD->getType()))
        continue;
      SourceLocation At = Dtor->getTriggerStmt()
                              ? Dtor->getTriggerStmt()->getEndLoc()
                              : VD->getLocation();
      if (const auto *CS =
              dyn_cast_or_null<CompoundStmt>(Dtor->getTriggerStmt()))
        At = CS->getRBracLoc();
      else if (Dtor->getTriggerStmt())
        At = Dtor->getTriggerStmt()->getBeginLoc();
      expireLoans(VD, /*IsTemporary=*/false, At, State);
      continue;
    }
    if (auto Dtor = E.getAs<CFGTemporaryDtor>()) {
      const CXXBindTemporaryExpr *BTE = Dtor->getBindTemporaryExpr();
      expireLoans(BTE, /*IsTemporary=*/true, BTE->getEndLoc(), State);
      continue;
    }
    if (auto Ends = E.getAs<CFGLifetimeEnds>()) {
      // A variable out of scope can no longer be used: forgetting it keeps
      // states as small as the variables in scope.
      State.erase(Ends->getVarDecl());
      continue;
    }
  }
}

bool FunctionAnalysis::run() {
  const Stmt *Body = FD->getBody();
  if (!Body)
    return false;
  // Nothing to summarise: no variable can carry a borrow in or a guard.
  if (Summarising && !wrapperGuardOf(FD) &&
      llvm::none_of(summarisedVariables(FD), [&](const VarDecl *VD) {
        QualType T = VD->getType();
        return isGuardType(T) || T->isReferenceType() || Types.mayHoldBorrow(T);
      }))
    return true;
  CFG::BuildOptions Options = sectionCFGOptions();
  // Calls that may throw reach the handlers, which see the try block's
  // guards ended; only worth the extra blocks where there are handlers.
  Options.AddEHEdges = containsTry(Body);
  collectStmtExprGuards(Body, false, StmtExprGuards);
  Graph = Summaries.cfgFor(Body, [&] {
    return CFG::buildCFG(FD, const_cast<Stmt *>(Body), &Ctx, Options);
  });
  if (!Graph)
    return false;
  collectLoans();
  if (Loans.empty())
    return true; // Nothing borrowed from a guard here.
  collectRangeForGuards();
  Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit())
        Parents->addStmt(Init->getInit());

  // Forward may-analysis to a fixpoint, blocks in reverse post-order.
  std::vector<HolderState> Out(Graph->getNumBlockIDs());
  std::vector<bool> Visited(Graph->getNumBlockIDs(), false);
  PostOrderCFGView RPOT(Graph); // Iterates in reverse post-order.
  // Lowest reverse post-order first: a join point (a loop head, a try's
  // handler dispatch) waits for its predecessors instead of being redone
  // after each of them.
  ForwardDataflowWorklist Worklist(*Graph, &RPOT);
  for (const CFGBlock *B : RPOT)
    Worklist.enqueueBlock(B);
  // Each block's state only grows, and is bounded by holders x loans; this
  // cap only guards against pathological functions.
  size_t Budget = size_t(Graph->getNumBlockIDs()) * 64 + 1024;
  const CFGBlock *Entry = &Graph->getEntry();
  while (const CFGBlock *B = Worklist.dequeue()) {
    if (Budget-- == 0)
      return false;
    HolderState State = entryState(*B, Out, Visited);
    if (B == Entry)
      joinInto(State, EntryState);
    transferBlock(*B, State);
    bool Changed =
        !Visited[B->getBlockID()] || !sameState(State, Out[B->getBlockID()]);
    Visited[B->getBlockID()] = true;
    if (!Changed)
      continue;
    Out[B->getBlockID()] = std::move(State);
    Worklist.enqueueSuccessors(B);
  }

  // Report from the fixpoint, in source order of blocks.
  Reporting = true;
  for (const CFGBlock *B : RPOT) {
    HolderState State = entryState(*B, Out, Visited);
    if (B == Entry)
      joinInto(State, EntryState);
    transferBlock(*B, State);
  }
  return true;
}

} // namespace internal

bool runBorrowAnalysis(const clang::FunctionDecl *FD, clang::ASTContext &Ctx,
                       BorrowTypes &Types, FunctionSummaries &Summaries,
                       BorrowEscapeHandler &Handler) {
  bool Done =
      internal::FunctionAnalysis(FD, Ctx, Types, Summaries, Handler).run();
  if (const clang::Stmt *Body = FD->getBody())
    Summaries.releaseCFG(Body);
  return Done;
}

} // namespace rcubox::borrow
