//===- LoanPropagation.cpp - Loans, and what each expression carries -----===//
//
// A borrowing call issues a loan on its guard; every expression evaluates to
// the loans protecting the storage it designates (Ref) and those its value
// carries (Val). See docs/design.md for the rules.
//
//===----------------------------------------------------------------------===//

#include "core/Compat.h"
#include "core/borrow/ConstructorSummary.h"
#include "core/borrow/ForwardedConstruction.h"
#include "core/borrow/FunctionAnalysis.h"
#include "clang/AST/StmtCXX.h"

namespace rcubox::borrow::internal {

//===----------------------------------------------------------------------===//
// Loans
//===----------------------------------------------------------------------===//

/// Types a call result may borrow through: references, pointers and the
/// record types that may hold a borrow.
static bool isBorrowCarrying(QualType T, BorrowTypes &Types) {
  return T->isReferenceType() || Types.mayHoldBorrow(T);
}

std::optional<CallParts> decomposeCall(const Expr *E) {
  CallParts P;
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    P.Callee = CE->getDirectCallee();
    if (!P.Callee)
      return std::nullopt;
    llvm::ArrayRef<const Expr *> Args(CE->getArgs(), CE->getNumArgs());
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
      P.Object = MCE->getImplicitObjectArgument();
    } else if (isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(P.Callee) &&
               !cast<CXXMethodDecl>(P.Callee)
                    ->isExplicitObjectMemberFunction() &&
               !Args.empty()) {
      P.Object = Args.front();
      Args = Args.drop_front();
    }
    for (unsigned I = 0; I < Args.size(); ++I) {
      P.Args.push_back(Args[I]);
      P.Params.push_back(
          I < P.Callee->getNumParams() ? P.Callee->getParamDecl(I) : nullptr);
    }
    return P;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    P.Callee = CE->getConstructor();
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      P.Args.push_back(CE->getArg(I));
      P.Params.push_back(
          I < P.Callee->getNumParams() ? P.Callee->getParamDecl(I) : nullptr);
    }
    return P;
  }
  return std::nullopt;
}

llvm::SmallVector<const VarDecl *, 4>
summarisedVariables(const FunctionDecl *FD) {
  llvm::SmallVector<const VarDecl *, 4> Vars(FD->parameters().begin(),
                                             FD->parameters().end());
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (MD && MD->getParent()->isLambda() &&
      MD->getOverloadedOperator() == OO_Call)
    for (const LambdaCapture &C : MD->getParent()->captures())
      if (C.capturesVariable())
        if (const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar()))
          Vars.push_back(VD);
  return Vars;
}

const CXXRecordDecl *wrapperGuardOf(const FunctionDecl *FD) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
  if (!MD || !MD->isInstance() ||
      isa<CXXConstructorDecl, CXXDestructorDecl>(MD))
    return nullptr;
  const CXXRecordDecl *RD = MD->getParent();
  return !RD->isLambda() && holdsGuard(compat::getCanonicalTagType(
                                MD->getASTContext(), RD))
             ? RD
             : nullptr;
}

bool isOwnGuardMember(const Expr *E, const FunctionDecl *FD) {
  if (!wrapperGuardOf(FD))
    return false;
  // this->guard_, or this->section_.guard_ for a wrapper of a wrapper.
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = stripTransparent(E, Strip::ObjectIdentity);
    // An accessor of its own: guard().
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *MD = MCE->getMethodDecl();
      return MD && MD->getNumParams() == 0 &&
             MD->getReturnType()->isReferenceType() &&
             isGuardType(MD->getReturnType()) &&
             isa<CXXThisExpr>(
                 MCE->getImplicitObjectArgument()->IgnoreParenImpCasts());
    }
    const auto *ME = dyn_cast<MemberExpr>(E);
    if (!ME || !isa<FieldDecl>(ME->getMemberDecl()))
      return false;
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base))
      return true;
    if (ME->isArrow())
      return false;
    E = Base;
  }
  return false;
}

/// The lambda whose call operator \p Callee is, if any.
static const CXXRecordDecl *closureOf(const FunctionDecl *Callee) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Callee);
  return MD && MD->getParent()->isLambda() ? MD->getParent() : nullptr;
}

void FunctionAnalysis::issueLoanIfBorrowing(const Expr *Call) {
  if (LoanOfCall.count(Call))
    return;
  auto Parts = decomposeCall(Call);
  if (!Parts)
    return;
  auto Issue = [&](GuardRef G, const FunctionDecl *InferredFrom,
                   const Expr *Inner) {
    LoanOfCall[Call] = Loans.size();
    if (G.K == GuardRef::Local)
      LoansOfGuard[G.Var].push_back(Loans.size());
    else if (G.K == GuardRef::Temporary)
      LoansOfGuard[G.Temp].push_back(Loans.size());
    Loans.push_back(Loan{unsigned(Loans.size()), Call, G, InferredFrom, Inner});
  };
  bool PassesGuard = false;
  for (unsigned I = 0; I < Parts->Args.size(); ++I) {
    PassesGuard |= Parts->Params[I] && isGuardType(Parts->Params[I]->getType());
    if (!isBorrowingGuardParam(Parts->Params[I]))
      continue;
    GuardRef G = resolveGuard(Parts->Args[I]);
    // In a wrapper's method, what the result borrows from the wrapper's own
    // guard is what a summary says of the object.
    if (G.K == GuardRef::None && Summarising &&
        isOwnGuardMember(Parts->Args[I], FD)) {
      G.K = GuardRef::Parameter;
      G.OfObject = true;
    }
    if (G.K == GuardRef::None)
      continue;
    Issue(G, nullptr, nullptr);
    return;
  }
  // A guard the library forwards into a view's constructor (make_unique,
  // emplace ...), and a wrapper's method lifetimebound on its object.
  for (unsigned I = 0; I < Parts->Args.size(); ++I)
    if (forwardsGuardIntoView(Parts->Callee, Parts->Params[I]))
      if (GuardRef G = resolveGuard(Parts->Args[I]); G.K != GuardRef::None)
        return Issue(G, nullptr, nullptr);
  if (Parts->Object && holdsGuard(Parts->Object->getType()) &&
      compat::implicitObjectParamIsLifetimeBound(Parts->Callee))
    if (GuardRef G = resolveGuard(Parts->Object); G.K != GuardRef::None)
      return Issue(G, nullptr, nullptr);
  // Not marked: a function whose result carries a borrow of the guard it is
  // given (or, for a lambda, of a guard it captures) borrows from it.
  const CXXRecordDecl *Closure = closureOf(Parts->Callee);
  bool OnWrapper = Parts->Object && holdsGuard(Parts->Object->getType()) &&
                   wrapperGuardOf(Parts->Callee);
  if (!PassesGuard && !(Closure && Closure->capture_size() > 0) && !OnWrapper)
    return;
  const FunctionSummary *S = Summaries.get(Parts->Callee);
  if (!S)
    return;
  unsigned NumParams = Parts->Callee->getNumParams();
  for (const auto &[Idx, Inner] : S->ResultBorrowsGuard) {
    GuardRef G;
    if (Idx < NumParams) {
      for (unsigned I = 0; I < Parts->Args.size(); ++I)
        if (Parts->Params[I] &&
            Parts->Params[I]->getFunctionScopeIndex() == Idx)
          G = resolveGuard(Parts->Args[I]);
    } else if (Idx == ObjectGuardIndex && OnWrapper) {
      G = resolveGuard(Parts->Object);
    } else if (Closure) {
      auto Vars = summarisedVariables(Parts->Callee);
      if (Idx < Vars.size())
        G = resolveGuardVar(Vars[Idx]);
    }
    if (G.K == GuardRef::None)
      continue;
    Issue(G, Parts->Callee, Inner);
    return;
  }
}

void FunctionAnalysis::issueArgumentLoans() {
  // One loan per summarised variable that can carry a borrow: where it
  // ends up is what the summary records.
  for (const VarDecl *VD : summarisedVariables(FD)) {
    QualType T = VD->getType();
    if (isGuardType(T) || !isBorrowCarrying(T, Types))
      continue;
    auto NewLoan = [&](bool Referent) {
      GuardRef G;
      G.K = GuardRef::Argument;
      G.Var = VD;
      G.Referent = Referent;
      LoanSet L;
      L.Live.set(Loans.size());
      Loans.push_back(Loan{unsigned(Loans.size()), nullptr, G});
      return L;
    };
    ExprLoans &Entry = EntryState[VD];
    Entry.Val = NewLoan(false);
    if (T->isReferenceType())
      Entry.Ref = NewLoan(true);
  }
}

llvm::SmallVector<LoanSet, 4>
FunctionAnalysis::summaryInputs(const FunctionDecl *Callee,
                                const CallParts &Parts,
                                const HolderState &State, unsigned Depth) {
  llvm::SmallVector<LoanSet, 4> In(2 * Callee->getNumParams());
  for (unsigned I = 0; I < Parts.Args.size(); ++I) {
    const ParmVarDecl *P = Parts.Params[I];
    if (!P || isa<CXXDefaultArgExpr>(Parts.Args[I]))
      continue;
    unsigned Idx = P->getFunctionScopeIndex();
    if (Idx >= Callee->getNumParams())
      continue;
    ExprLoans V = eval(Parts.Args[I], State, Depth + 1);
    In[valueSlot(Idx)] = V.Val;
    if (P->getType()->isReferenceType())
      In[referentSlot(Idx)] = V.Ref;
  }
  // A lambda called where it is visible: what its captured variables hold
  // now (by copy, what they held when it was made; close enough here).
  if (const CXXRecordDecl *Closure = closureOf(Callee))
    for (const LambdaCapture &C : Closure->captures()) {
      if (!C.capturesVariable())
        continue;
      LoanSet Val, Ref;
      const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar());
      if (auto It = State.find(VD); VD && It != State.end()) {
        Val = It->second.Val;
        Ref = It->second.Ref;
      }
      In.push_back(Val);
      In.push_back(Ref);
    }
  return In;
}

void FunctionAnalysis::collectLoans() {
  for (const CFGBlock *B : *Graph)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        if (const auto *Ex = dyn_cast<Expr>(S->getStmt()))
          if (isa<CallExpr, CXXConstructExpr>(Ex))
            issueLoanIfBorrowing(Ex);
  if (Summarising)
    issueArgumentLoans();
  GuardEndOf.assign(Loans.size(), SourceLocation());
}

LoanSet FunctionAnalysis::loanOf(const Expr *Call,
                                 const HolderState &State) const {
  LoanSet Own;
  auto It = LoanOfCall.find(Call);
  if (It == LoanOfCall.end())
    return Own;
  auto Ended = State.find(EndedGuards);
  if (Ended != State.end() && Ended->second.Val.Dangling.test(It->second))
    Own.Dangling.set(It->second);
  else
    Own.Live.set(It->second);
  return Own;
}

//===----------------------------------------------------------------------===//
// Expression values
//===----------------------------------------------------------------------===//

LoanSet FunctionAnalysis::sourceLoans(const Expr *Arg, bool ByReference,
                                      const HolderState &State,
                                      unsigned Depth) {
  ExprLoans V = eval(Arg, State, Depth + 1);
  LoanSet S = V.Val;
  if (ByReference || Arg->isGLValue())
    S |= V.Ref;
  return S;
}

/// The loans of a pointer to \p Object: what protects its storage, and (for
/// a pointer to a local holder) what the holder holds.
static LoanSet pointerTo(const ExprLoans &Object) {
  LoanSet S = Object.Ref;
  S |= Object.Val;
  return S;
}

/// What a call returning \p Ret takes from one source of its result, which
/// carries \p V and binds by reference or not. A value result (pointer,
/// view, iterator) may point anywhere into the source: at its storage and at
/// what it holds. A reference result names that storage; it holds a borrow
/// itself only where it names a pointer-like object, or an element of a local
/// holder (not of RCU data, which the source would point to).
static void takeFrom(ExprLoans &Result, const ExprLoans &V, bool ByReference,
                     QualType SourceType, QualType Ret, BorrowTypes &Types) {
  LoanSet All = V.Val;
  if (ByReference)
    All |= V.Ref;
  if (!Ret->isReferenceType()) {
    Result.Val |= All;
    return;
  }
  Result.Ref |= All;
  QualType Referent = Ret.getNonReferenceType();
  if (isPointerLike(Referent) ||
      (!isPointerLike(SourceType) && Types.mayHoldBorrow(Referent)))
    Result.Val |= V.Val;
}

/// True if calling \p Callee starts a coroutine: its visible body is one, or,
/// defined elsewhere, it returns a task type.
static bool isCoroutineCall(const FunctionDecl *Callee) {
  const FunctionDecl *Def = nullptr;
  if (Callee->hasBody(Def) && Def)
    return isa_and_nonnull<CoroutineBodyStmt>(Def->getBody());
  return isCoroutineTaskType(Callee->getReturnType());
}

ExprLoans FunctionAnalysis::evalCall(const Expr *Call,
                                     const FunctionDecl *Callee,
                                     const Expr *Object,
                                     llvm::ArrayRef<const Expr *> Args,
                                     const HolderState &State, unsigned Depth) {
  ExprLoans Result{emptySet(), emptySet()};
  QualType Ret = Callee->getReturnType();
  if (!isBorrowCarrying(Ret, Types))
    return Result;

  auto TakeFrom = [&](const Expr *Source, bool ByReference) {
    takeFrom(Result, eval(Source, State, Depth + 1),
             ByReference || Source->isGLValue(), Source->getType(), Ret, Types);
  };
  const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
  // Rust's elision rules apply to functions returning a reference or a
  // pointer-like value; owners (make_shared, optional, vector) copy.
  bool Elide = isPointerLike(Ret);
  // The implicit object: lifetimebound, or by Rust's elision rule any method
  // returning a borrow (data(), begin(), c_str(), operator[] ...) or a pair
  // or tuple of them (equal_range).
  if (Object && MD && MD->isInstance() && !isGuardType(Object->getType()) &&
      (Elide || isTupleOfPointerLikes(Ret) ||
       compat::implicitObjectParamIsLifetimeBound(Callee))) {
    bool AssignOp =
        MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator();
    if (!AssignOp)
      TakeFrom(Object, /*ByReference=*/true);
  }
  // A function defined here: its summary says which arguments (and, for a
  // lambda, which captured variables) its result may carry, in place of the
  // elision rules below.
  bool Summarised = false;
  if (!Callee->getReturnType()->isVoidType()) {
    llvm::SmallVector<LoanSet, 4> In;
    if (auto Parts = decomposeCall(Call))
      In = summaryInputs(Callee, *Parts, State, Depth + 1);
    const FunctionSummary *S =
        llvm::any_of(In, [](const LoanSet &L) { return !L.empty(); })
            ? Summaries.get(Callee)
            : nullptr;
    Summarised = S && S->Complete;
    // A reference result names the object: its own value holds a borrow
    // only if its type can.
    bool RefHolds = Ret->isReferenceType() &&
                    Types.mayHoldBorrow(Ret.getNonReferenceType());
    for (unsigned I = 0; S && I < In.size() && I < S->ResultFrom.size(); ++I) {
      if (!S->ResultFrom.test(I))
        continue;
      if (Ret->isReferenceType()) {
        Result.Ref |= In[I];
        if (!RefHolds)
          continue;
      }
      Result.Val |= In[I];
    }
  }

  // Arguments: lifetimebound parameters, else Rust's elision (the only
  // borrow-typed parameter), else parameters of the returned iterator type.
  const FunctionDecl *Merged =
      compat::getDeclWithMergedLifetimeBoundAttrs(Callee);
  llvm::SmallVector<unsigned, 2> Candidates, SameType;
  bool AnyLifetimeBound = false;
  for (unsigned I = 0; I < Args.size(); ++I) {
    unsigned ParamIdx = I;
    if (ParamIdx >= Merged->getNumParams())
      break;
    const ParmVarDecl *P = Merged->getParamDecl(ParamIdx);
    if (isGuardType(P->getType()))
      continue;
    if (compat::hasLifetimeBound(P)) {
      AnyLifetimeBound = true;
      TakeFrom(Args[I], P->getType()->isReferenceType());
      continue;
    }
    if (isBorrowCarrying(P->getType(), Types) &&
        mayPointInto(Ret, P->getType()))
      Candidates.push_back(I);
    if (Ctx.hasSameUnqualifiedType(P->getType().getNonReferenceType(),
                                   Ret.getNonReferenceType()))
      SameType.push_back(I);
  }
  if (Elide && !AnyLifetimeBound && !Summarised && !(MD && MD->isInstance()) &&
      !returnsUnrelatedPointer(Callee)) {
    llvm::ArrayRef<unsigned> Chosen;
    if (Candidates.size() == 1)
      Chosen = Candidates;
    else if (!SameType.empty())
      Chosen = SameType;
    for (unsigned I : Chosen)
      TakeFrom(Args[I], Merged->getParamDecl(I)->getType()->isReferenceType());
  }

  // A coroutine's frame keeps its reference and pointer arguments for as
  // long as its task lives (a lazily started task runs after the call).
  if (isCoroutineCall(Callee))
    for (unsigned I = 0; I < Args.size() && I < Callee->getNumParams(); ++I) {
      QualType PT = Callee->getParamDecl(I)->getType();
      if (!isGuardType(PT) && isBorrowCarrying(PT, Types))
        TakeFrom(Args[I], PT->isReferenceType());
    }

  // Library factories (make_pair, make_tuple, make_optional, tie) build
  // their result from their arguments, as its constructor would.
  // make_shared and make_unique build an object that holds a borrow only if
  // its type can.
  QualType Pointee = smartPointee(Ret);
  if (!Elide && !MD && compat::isInStlNamespace(Callee) &&
      Ret->isRecordType() &&
      (Pointee.isNull() || Types.mayHoldBorrow(Pointee))) {
    for (unsigned I = 0; I < Args.size() && I < Callee->getNumParams(); ++I) {
      ExprLoans V = eval(Args[I], State, Depth + 1);
      if (keepsPointer(Ret, Args[I]))
        Result.Val |= V.Val;
      if (keepsReferenceTo(Callee, I, Ret, Args[I]))
        Result.Val |= V.Ref;
    }
  }

  // The borrowing call itself: its result names (or points to) RCU data.
  LoanSet Own = loanOf(Call, State);
  if (!Own.empty())
    takeFrom(Result, ExprLoans{emptySet(), Own}, false, Ret, Ret, Types);
  return Result;
}

bool FunctionAnalysis::keepsReferenceTo(const FunctionDecl *Callee,
                                        unsigned ParamIdx, QualType Holder,
                                        const Expr *Arg) {
  if (!Callee || ParamIdx >= Callee->getNumParams())
    return false;
  const ParmVarDecl *P = Callee->getParamDecl(ParamIdx);
  if (!P->getType()->isReferenceType())
    return false;
  if (compat::hasLifetimeBound(P) || compat::hasLifetimeCaptureBy(P))
    return true;
  const auto *Ctor = dyn_cast<CXXConstructorDecl>(Callee);
  if (Ctor && !compat::isInStlNamespace(Ctor->getParent()))
    if (auto Keeps = constructorKeepsReference(Ctor, ParamIdx, Types))
      return *Keeps;
  return Types.mayReferTo(Holder, Arg->getType());
}

bool FunctionAnalysis::onlyReadsThrough(const CXXConstructorDecl *Ctor,
                                        unsigned ParamIdx) {
  if (!Ctor || compat::isInStlNamespace(Ctor->getParent()))
    return false;
  std::optional<bool> Keeps = constructorKeepsPointer(Ctor, ParamIdx, Types);
  return Keeps && !*Keeps;
}

bool FunctionAnalysis::keepsPointer(QualType Holder, const Expr *Arg) {
  QualType T = Arg->getType();
  // Iterators and pointers into a range a library container copies from
  // give it copies of the elements, not the pointers themselves.
  if (!T->isPointerType() && !isPointerLike(T))
    return true;
  const CXXRecordDecl *RD = Holder->getAsCXXRecordDecl();
  if (!RD || !compat::isInStlNamespace(RD))
    return true;
  return storesPointerLike(Holder);
}

ExprLoans FunctionAnalysis::evalConstruct(const CXXConstructExpr *CE,
                                          const HolderState &State,
                                          unsigned Depth) {
  ExprLoans Result{emptySet(), emptySet()};
  // A constructor taking its guard RCU_BORROW makes the object a view.
  Result.Val = loanOf(CE, State);
  QualType Holder = CE->getType();
  if (!Types.mayHoldBorrow(Holder))
    return Result;
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  bool Copy = Ctor && Ctor->isCopyOrMoveConstructor();
  // A smart pointer built around a raw pointer (with a no-op deleter, or
  // the aliasing constructor) holds that very pointer.
  bool SmartPointer = !smartPointee(Holder).isNull();
  for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
    const Expr *Arg = CE->getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    ExprLoans A = eval(Arg, State, Depth + 1);
    bool RawPointer = SmartPointer && Arg->getType()->isPointerType();
    if (Copy || RawPointer ||
        (keepsPointer(Holder, Arg) && !onlyReadsThrough(Ctor, I)))
      Result.Val |= A.Val;
    // A copy of an object inside RCU data owns its fields' values; other
    // constructors taking a reference (span(range&)) may keep it.
    if (!Copy && keepsReferenceTo(Ctor, I, Holder, Arg))
      Result.Val |= A.Ref;
  }
  return Result;
}

ExprLoans FunctionAnalysis::evalLambda(const LambdaExpr *LE,
                                       const HolderState &State,
                                       unsigned Depth) {
  ExprLoans Result{emptySet(), emptySet()};
  auto Init = LE->capture_init_begin();
  for (const LambdaCapture &C : LE->captures()) {
    const Expr *InitExpr = Init != LE->capture_init_end() ? *Init : nullptr;
    ++Init;
    if (!C.capturesVariable())
      continue;
    const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar());
    if (VD && VD->isInitCapture()) {
      if (InitExpr)
        Result.Val |= sourceLoans(InitExpr, false, State, Depth);
      continue;
    }
    if (!isTrackedVar(VD))
      continue;
    auto It = State.find(VD);
    if (It == State.end())
      continue;
    // By reference the closure reaches whatever the variable reaches; a copy
    // holds what the value (a reference's referent) holds.
    Result.Val |= It->second.Val;
    if (C.getCaptureKind() == LCK_ByRef)
      Result.Val |= It->second.Ref;
  }
  return Result;
}

/// What the binding \p BD of a tuple-like object (std::pair, std::tuple, a
/// type with get<N>) carries: an element of the hidden decomposed variable,
/// holding what that variable holds if the element's type can; an element
/// of reference type names what the variable's borrows point at. Following
/// get<N> itself would lose the element's type (a `T &&` for any element).
static ExprLoans tupleElement(const BindingDecl *BD, const HolderState &State,
                              BorrowTypes &Types) {
  ExprLoans Result;
  const auto *Decomposed = dyn_cast_or_null<VarDecl>(BD->getDecomposedDecl());
  auto It = Decomposed ? State.find(Decomposed) : State.end();
  if (It == State.end())
    return Result;
  QualType Element = BD->getType();
  if (Element->isReferenceType()) {
    Result.Ref = It->second.Val;
    if (isPointerLike(Element.getNonReferenceType()))
      Result.Val = It->second.Val;
    return Result;
  }
  Result.Ref = It->second.Ref;
  if (Types.mayHoldBorrow(Element))
    Result.Val = It->second.Val;
  return Result;
}

ExprLoans FunctionAnalysis::eval(const Expr *E, const HolderState &State,
                                 unsigned Depth) {
  ExprLoans Result{emptySet(), emptySet()};
  if (!E || Depth > 64)
    return Result;
  E = E->IgnoreParens();

  if (const auto *SE = dyn_cast<StmtExpr>(E)) {
    // GNU statement expression: the value of its last statement.
    const CompoundStmt *Body = SE->getSubStmt();
    if (!Body->body_empty())
      if (const auto *Last = dyn_cast<Expr>(Body->body_back()))
        return eval(Last, State, Depth + 1);
    return Result;
  }
  if (const auto *FE = dyn_cast<FullExpr>(E))
    return eval(FE->getSubExpr(), State, Depth + 1);
  // An initializer_list holds its elements: what the backing array holds.
  if (const auto *IL = dyn_cast<CXXStdInitializerListExpr>(E)) {
    Result.Val = eval(IL->getSubExpr(), State, Depth + 1).Val;
    return Result;
  }
  if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E))
    return eval(BTE->getSubExpr(), State, Depth + 1);
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
    // The temporary's storage is not RCU data, but it holds what was loaded.
    Result.Val = eval(MTE->getSubExpr(), State, Depth + 1).Val;
    return Result;
  }
  if (const auto *CE = dyn_cast<CastExpr>(E)) {
    ExprLoans Sub = eval(CE->getSubExpr(), State, Depth + 1);
    switch (CE->getCastKind()) {
    case CK_ArrayToPointerDecay:
      Result.Val = pointerTo(Sub);
      return Result;
    case CK_NoOp:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
    case CK_BaseToDerived:
    case CK_Dynamic:
    case CK_BitCast:
    case CK_AddressSpaceConversion:
    case CK_ConstructorConversion:
    case CK_UserDefinedConversion:
    case CK_AtomicToNonAtomic:
    case CK_NonAtomicToAtomic:
      return Sub;
    default:
      // Loads (lvalue-to-rvalue) and value conversions keep only what the
      // value itself may hold: a copy of RCU data owns its bytes.
      if (Types.mayHoldBorrow(E->getType()))
        Result.Val = Sub.Val;
      return Result;
    }
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    // A structured binding names a part of its hidden decomposed variable:
    // a member or element, or what get<N> returns from it.
    if (const auto *BD = dyn_cast<BindingDecl>(DRE->getDecl())) {
      if (BD->getHoldingVar())
        return tupleElement(BD, State, Types);
      return BD->getBinding() ? eval(BD->getBinding(), State, Depth + 1)
                              : Result;
    }
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!isTrackedVar(VD))
      return Result;
    // A captured variable holds only what a summary gave it on entry.
    auto It = State.find(VD);
    return It == State.end() ? Result : It->second;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    ExprLoans Base = eval(ME->getBase(), State, Depth + 1);
    if (ME->isArrow()) {
      Result.Ref = Base.Val;
    } else {
      Result.Ref = Base.Ref;
      if (Types.mayHoldBorrow(E->getType()))
        Result.Val = Base.Val;
    }
    return Result;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    ExprLoans Sub = eval(UO->getSubExpr(), State, Depth + 1);
    switch (UO->getOpcode()) {
    case UO_Deref:
      // The pointee is RCU data or a local holder; only the latter holds a
      // borrow, and only if it is itself pointer-like.
      Result.Ref = Sub.Val;
      if (isPointerLike(E->getType()))
        Result.Val = Sub.Val;
      return Result;
    case UO_AddrOf:
      Result.Val = pointerTo(Sub);
      return Result;
    case UO_PreInc:
    case UO_PreDec:
    case UO_PostInc:
    case UO_PostDec:
      return Sub;
    default:
      return Result;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    switch (BO->getOpcode()) {
    case BO_Assign:
      return eval(BO->getLHS(), State, Depth + 1);
    case BO_Comma:
      return eval(BO->getRHS(), State, Depth + 1);
    case BO_Add:
    case BO_Sub:
    case BO_AddAssign:
    case BO_SubAssign:
      if (!E->getType()->isPointerType() && !E->isGLValue())
        return Result;
      Result = eval(BO->getLHS(), State, Depth + 1);
      if (BO->getRHS()->getType()->isPointerType())
        Result |= eval(BO->getRHS(), State, Depth + 1);
      return Result;
    case BO_PtrMemD:
      Result.Ref = eval(BO->getLHS(), State, Depth + 1).Ref;
      return Result;
    case BO_PtrMemI:
      Result.Ref = eval(BO->getLHS(), State, Depth + 1).Val;
      return Result;
    default:
      return Result;
    }
  }
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    Result = eval(CO->getTrueExpr(), State, Depth + 1);
    Result |= eval(CO->getFalseExpr(), State, Depth + 1);
    return Result;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    // An element of an array object is a part of it, as a member is: it
    // lives in the array's storage and holds what the array holds. Through
    // the decayed pointer, the element's value would seem to hold a pointer
    // to the array itself.
    if (const auto *Decay =
            dyn_cast<ImplicitCastExpr>(AS->getBase()->IgnoreParens());
        Decay && Decay->getCastKind() == CK_ArrayToPointerDecay) {
      ExprLoans Array = eval(Decay->getSubExpr(), State, Depth + 1);
      Result.Ref = Array.Ref;
      if (Types.mayHoldBorrow(E->getType()))
        Result.Val = Array.Val;
      return Result;
    }
    ExprLoans Base = eval(AS->getBase(), State, Depth + 1);
    Result.Ref = Base.Val;
    if (Types.mayHoldBorrow(E->getType()))
      Result.Val = Base.Val;
    return Result;
  }
  if (const auto *LE = dyn_cast<LambdaExpr>(E))
    return evalLambda(LE, State, Depth);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return evalConstruct(CE, State, Depth);
  if (const auto *ILE = dyn_cast<InitListExpr>(E)) {
    if (!Types.mayHoldBorrow(E->getType()) && !E->getType()->isArrayType())
      return Result;
    for (const Expr *Init : ILE->inits()) {
      ExprLoans I = eval(Init, State, Depth + 1);
      Result.Val |= I.Val;
      if (Init->isGLValue() && Init->getType()->isReferenceType())
        Result.Val |= I.Ref;
    }
    // Reference members bind to glvalues directly.
    if (const auto *RD = E->getType()->getAsRecordDecl()) {
      unsigned I = 0;
      for (const FieldDecl *F : RD->fields()) {
        if (I >= ILE->getNumInits())
          break;
        if (F->getType()->isReferenceType())
          Result.Val |= eval(ILE->getInit(I), State, Depth + 1).Ref;
        ++I;
      }
    }
    return Result;
  }
  if (const auto *PLE = dyn_cast<CXXParenListInitExpr>(E)) {
    for (const Expr *Init : PLE->getInitExprs())
      Result.Val |= eval(Init, State, Depth + 1).Val;
    return Result;
  }
  if (isa<CallExpr>(E)) {
    if (auto Parts = decomposeCall(E))
      return evalCall(E, Parts->Callee, Parts->Object, Parts->Args, State,
                      Depth);
    return Result;
  }
  return Result;
}

} // namespace rcubox::borrow::internal
