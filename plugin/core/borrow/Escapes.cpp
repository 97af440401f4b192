//===- Escapes.cpp - Stores, uses after the guard, and their reports -----===//

#include "core/Compat.h"
#include "core/borrow/FunctionAnalysis.h"
#include "core/borrow/LibraryEffects.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include <algorithm>

namespace rcubox::borrow::internal {

//===----------------------------------------------------------------------===//
// Stores
//===----------------------------------------------------------------------===//

/// True if \p Call returns a reference that cannot name anything local to
/// the caller: it takes no pointers, references or views (registry()).
static bool returnsNonLocalReference(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getReturnType()->isLValueReferenceType() ||
      isa<CXXMethodDecl>(Callee))
    return false;
  for (const Expr *Arg : Call->arguments())
    if (Arg->getType()->isPointerType() || isPointerLike(Arg->getType()) ||
        Arg->isGLValue())
      return false;
  return true;
}

/// The range a range-for's hidden begin iterator (`__begin`) walks, if
/// \p VD is one: that iterator is never reassigned, only advanced.
static const Expr *rangeForCursorRange(const VarDecl *VD,
                                       const ParentMap &Parents) {
  if (!VD->isImplicit() || !VD->getInit())
    return nullptr;
  const auto *Begin =
      dyn_cast_or_null<DeclStmt>(Parents.getParent(VD->getInit()));
  const auto *For =
      Begin ? dyn_cast_or_null<CXXForRangeStmt>(Parents.getParent(Begin))
            : nullptr;
  if (!For || For->getBeginStmt() != Begin || !For->getRangeStmt())
    return nullptr;
  const auto *RangeVar =
      dyn_cast_or_null<VarDecl>(For->getRangeStmt()->getSingleDecl());
  return RangeVar ? RangeVar->getInit() : nullptr;
}

/// `box->` or `*box` on a std::unique_ptr with the default deleter: the
/// object reached is owned by `box` alone, a part of it as a member would be.
/// With another deleter (one that does nothing) it may be anyone's.
static bool isUniquePointee(const Expr *E) {
  const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E);
  if (!OCE || OCE->getNumArgs() != 1 ||
      (OCE->getOperator() != OO_Arrow && OCE->getOperator() != OO_Star))
    return false;
  QualType T = OCE->getArg(0)->getType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (smartPointee(T).isNull() || Spec->getName() != "unique_ptr" ||
      Spec->getTemplateArgs().size() != 2 ||
      Spec->getTemplateArgs()[1].getKind() != TemplateArgument::Type)
    return false;
  const CXXRecordDecl *Deleter =
      Spec->getTemplateArgs()[1].getAsType()->getAsCXXRecordDecl();
  return Deleter && Deleter->getIdentifier() &&
         Deleter->getName() == "default_delete" &&
         compat::isInStlNamespace(Deleter);
}

Destination FunctionAnalysis::classifyDestination(const Expr *LHS) {
  Destination D;
  const FieldDecl *LastField = nullptr;
  bool Direct = true;
  bool ViaContainer = false;
  bool ViaElement = false;
  // Reached through a pointer: a local pointer may point anywhere, a
  // parameter's pointee belongs to the caller.
  bool ThroughPointer = false;
  const Expr *E = LHS;
  for (unsigned Depth = 0; E && Depth < 32; ++Depth) {
    E = stripTransparent(E, Strip::Everything);
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        LastField = F;
      Direct = false;
      const Expr *Base = stripTransparent(ME->getBase(), Strip::Everything);
      if (isa<CXXThisExpr>(Base)) {
        D.K = Destination::Member;
        D.Decl = LastField;
        return D;
      }
      ThroughPointer |= ME->isArrow() && !isUniquePointee(Base);
      E = Base;
      continue;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      Direct = false;
      ViaElement = true;
      const auto *Decay = dyn_cast<ImplicitCastExpr>(AS->getBase());
      if (!Decay || Decay->getCastKind() != CK_ArrayToPointerDecay)
        ThroughPointer = true;
      E = AS->getBase();
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() != UO_Deref)
        return D;
      Direct = false;
      ThroughPointer = true;
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E)) {
      // Container element access: m[k], *it, it->...
      if (OCE->getNumArgs() == 0)
        return D;
      Direct = false;
      if (isUniquePointee(OCE)) {
        E = OCE->getArg(0);
        continue;
      }
      // A std::array element is a slot of a local aggregate, like a[i].
      bool Element = OCE->getOperator() == OO_Subscript &&
                     isStdArray(OCE->getArg(0)->getType());
      ViaElement |= Element;
      ViaContainer |= !Element;
      E = OCE->getArg(0);
      continue;
    }
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
      Direct = false;
      ViaContainer = true;
      if (const auto *Callee = dyn_cast<MemberExpr>(MCE->getCallee()))
        ThroughPointer |=
            Callee->isArrow() &&
            !isa<CXXThisExpr>(Callee->getBase()->IgnoreImpCasts());
      E = MCE->getImplicitObjectArgument();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (returnsNonLocalReference(Call) && !Direct)
        D.K = Destination::Global;
      return D;
    }
    if (isa<CXXThisExpr>(E)) {
      D.K = Destination::Member;
      D.Decl = LastField;
      return D;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const ValueDecl *Named = DRE->getDecl();
      // A structured binding names a part of its decomposed variable.
      if (const auto *BD = dyn_cast<BindingDecl>(Named)) {
        Named = BD->getDecomposedDecl();
        Direct = false;
      }
      const auto *VD = dyn_cast_or_null<VarDecl>(Named);
      if (!VD)
        return D;
      // `self->last_` with `self = shared_from_this()`: a member of *this.
      if (LastField && namesEnclosingObject(VD)) {
        D.K = Destination::Member;
        D.Decl = LastField;
        return D;
      }
      D.Decl = VD;
      D.Direct = Direct;
      D.ViaContainer = ViaContainer;
      D.ViaElement = ViaElement;
      bool IsParam = isa<ParmVarDecl>(VD);
      bool IsRef = VD->getType()->isReferenceType();
      if (!VD->hasLocalStorage()) {
        D.K = Destination::Global;
      } else if (DRE->refersToEnclosingVariableOrCapture()) {
        // A lambda's by-reference capture: the enclosing function's
        // variable outlives this call.
        const auto *MD = dyn_cast<CXXMethodDecl>(FD);
        const CXXRecordDecl *Closure = MD ? MD->getParent() : nullptr;
        bool ByRef = IsRef;
        if (Closure && Closure->isLambda())
          for (const LambdaCapture &C : Closure->captures())
            if (C.capturesVariable() && C.getCapturedVar() == VD)
              ByRef |= C.getCaptureKind() == LCK_ByRef;
        D.K = ByRef ? Destination::Captured : Destination::Unknown;
      } else if (IsParam && (IsRef || ThroughPointer)) {
        D.K = Destination::ThroughParam;
      } else if (IsRef && VD->getInit() && !IsParam && !ThroughPointer) {
        // A local alias: store into what it names.
        D = Destination();
        E = VD->getInit();
        continue;
      } else if (const Expr *Range =
                     Parents ? rangeForCursorRange(VD, *Parents) : nullptr) {
        // The hidden iterator of a range-for: what it designates is an
        // element of the range it walks (`for (auto &s : member_)`).
        D = Destination();
        ThroughPointer = false;
        if (Range->getType()->isArrayType())
          ViaElement = true;
        else
          ViaContainer = true;
        E = Range;
        continue;
      } else if (IsRef || ThroughPointer) {
        D.K = Destination::Unknown;
      } else {
        D.K = Destination::Local;
      }
      return D;
    }
    return D;
  }
  return D;
}

/// Records, for each local variable, the statement whose end destroys it.
static void collectScopes(const Stmt *S, const Stmt *Scope,
                          llvm::DenseMap<const VarDecl *, const Stmt *> &Out) {
  if (!S)
    return;
  if (isa<CompoundStmt, ForStmt, CXXForRangeStmt, WhileStmt, IfStmt,
          SwitchStmt>(S))
    Scope = S;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        Out[VD] = Scope;
  if (isa<LambdaExpr>(S))
    return; // Its body is a different function.
  for (const Stmt *Child : S->children())
    collectScopes(Child, Scope, Out);
}

const Stmt *FunctionAnalysis::scopeOf(const VarDecl *VD) {
  if (Scopes.empty())
    collectScopes(FD->getBody(), FD->getBody(), Scopes);
  auto It = Scopes.find(VD);
  return It == Scopes.end() ? FD->getBody() : It->second;
}

bool FunctionAnalysis::outlivesGuard(const VarDecl *Container, const Loan &L) {
  switch (L.Guard.K) {
  case GuardRef::Temporary:
    return true;
  case GuardRef::Parameter:
  case GuardRef::Argument:
  case GuardRef::None:
    return false;
  case GuardRef::Local: {
    const Stmt *Outer = scopeOf(Container);
    const Stmt *Inner = scopeOf(L.Guard.Var);
    if (!Outer || !Inner || Outer == Inner)
      return false;
    SourceRange R = Outer->getSourceRange();
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation In = Inner->getBeginLoc();
    return !SM.isBeforeInTranslationUnit(In, R.getBegin()) &&
           SM.isBeforeInTranslationUnit(In, R.getEnd());
  }
  }
  return false;
}

//===----------------------------------------------------------------------===//
// Threads
//===----------------------------------------------------------------------===//

/// Members that wait for a thread or an async result, or only ask about it.
static bool isWaitingMember(const CXXMethodDecl *MD) {
  if (!MD || !MD->getIdentifier())
    return false;
  static constexpr llvm::StringLiteral Names[] = {
      "join",           "joinable",        "get_id", "request_stop",
      "get_stop_token", "get_stop_source", "get",    "wait",
      "wait_for",       "wait_until",      "valid"};
  return llvm::is_contained(Names, MD->getName());
}

/// std::thread, std::jthread, or the std::future that std::async returns:
/// objects whose end joins the thread, waits for it, or terminates.
static bool isJoiningType(QualType T) {
  return isThreadSpawningType(T) || isStdFuture(T);
}

/// What an owner of threads (a thread, a future, or a container of threads)
/// may do without letting a thread go: wait, ask, add threads, or destroy
/// them (which joins or terminates).
static bool keepsThreadsOwned(const CXXMethodDecl *MD) {
  if (isWaitingMember(MD) || isContainerInsertion(MD))
    return true;
  static constexpr llvm::StringLiteral Names[] = {
      "size",  "empty",     "reserve",  "clear",
      "reset", "has_value", "pop_back", "pop_front"};
  return MD && MD->getIdentifier() && llvm::is_contained(Names, MD->getName());
}

namespace {
/// Whether every mention of a local only keeps its threads owned: no
/// detach(), move, copy, address or reference lets one go. A range-for over
/// it is fine when its loop variable only waits.
class OwnedThreadUses : public RecursiveASTVisitor<OwnedThreadUses> {
public:
  OwnedThreadUses(const VarDecl *VD, const ParentMap &Parents)
      : VD(VD), Parents(Parents) {}
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    const Expr *Init = S->getRangeInit();
    const auto *Range = dyn_cast_or_null<DeclRefExpr>(
        Init ? stripTransparent(Init, Strip::Everything) : nullptr);
    if (!Range || Range->getDecl() != VD)
      return RecursiveASTVisitor::TraverseCXXForRangeStmt(S);
    OwnedThreadUses Element(S->getLoopVariable(), Parents);
    Element.TraverseStmt(S->getBody());
    OnlyOwns = Element.OnlyOwns;
    return OnlyOwns && TraverseStmt(S->getBody());
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (DRE->getDecl() != VD)
      return true;
    const auto *ME =
        dyn_cast_or_null<MemberExpr>(Parents.getParentIgnoreParenImpCasts(DRE));
    if (!ME || !keepsThreadsOwned(dyn_cast<CXXMethodDecl>(ME->getMemberDecl())))
      OnlyOwns = false;
    return OnlyOwns;
  }
  bool OnlyOwns = true;

private:
  const VarDecl *VD;
  const ParentMap &Parents;
};
} // namespace

bool FunctionAnalysis::keepsItsThreads(const VarDecl *VD) {
  if (!VD->hasLocalStorage() || VD->getType()->isReferenceType())
    return false;
  OwnedThreadUses Uses(VD, *Parents);
  Uses.TraverseStmt(const_cast<Stmt *>(FD->getBody()));
  return Uses.OnlyOwns;
}

const VarDecl *FunctionAnalysis::threadOwningLocal(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *DRE =
      dyn_cast_or_null<DeclRefExpr>(stripTransparent(E, Strip::Everything));
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || DRE->refersToEnclosingVariableOrCapture() || !keepsItsThreads(VD))
    return nullptr;
  return VD;
}

ThreadEnd FunctionAnalysis::threadEndOf(const Expr *Spawn) {
  ThreadEnd End;
  if (!isJoiningType(Spawn->getType()))
    return End;
  const Stmt *Child = Spawn;
  const Stmt *P = Parents->getParent(Spawn);
  while (
      P &&
      isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
          CXXBindTemporaryExpr, ExprWithCleanups, CXXFunctionalCastExpr>(P)) {
    Child = P;
    P = Parents->getParent(P);
  }
  // A member initialiser (no parent here) keeps the thread in the object.
  if (!P)
    return End;
  // Destroyed at the end of the full-expression: a discarded std::async
  // result waits, a discarded thread terminates the program.
  bool Discarded = !isa<Expr, DeclStmt, ReturnStmt, CoreturnStmt>(P);
  if (Discarded ||
      (isa<CStyleCastExpr>(P) && cast<Expr>(P)->getType()->isVoidType())) {
    End.WithinFullExpression = true;
    return End;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(P)) {
    End.WithinFullExpression =
        isa_and_nonnull<CXXMemberCallExpr>(Parents->getParent(ME)) &&
        isWaitingMember(dyn_cast<CXXMethodDecl>(ME->getMemberDecl()));
    return End;
  }
  // Added to a container of threads or futures (the thread is an argument,
  // not the container).
  if (const auto *Insert = dyn_cast<CXXMemberCallExpr>(P)) {
    if (Insert->getImplicitObjectArgument() != Child &&
        isContainerInsertion(Insert->getMethodDecl()))
      End.Owner = threadOwningLocal(Insert->getImplicitObjectArgument());
    return End;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(P))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == Child &&
                                                 isJoiningType(VD->getType()) &&
                                                 keepsItsThreads(VD))
        End.Owner = VD;
  return End;
}

void FunctionAnalysis::reportEscape(
    EscapeKind K, const Stmt *At, const NamedDecl *Dest, QualType BorrowType,
    const LoanSet &Value, llvm::function_ref<bool(const Loan &)> Applies,
    llvm::ArrayRef<EscapeStep> Steps) {
  if (!Reporting)
    return;
  if (Summarising) {
    // Where each summarised variable goes (a thread joined here keeps it),
    // and which guard parameters the result borrows from.
    for (unsigned I : Value.Live) {
      const Loan &L = Loans[I];
      if ((L.Guard.K == GuardRef::Argument &&
           (K != EscapeKind::Thread || Applies(L))) ||
          (L.Guard.K == GuardRef::Parameter && K == EscapeKind::Return))
        Handler.handleEscape(K, At, Dest, BorrowType, L, SourceLocation(),
                             Steps);
    }
    return;
  }
  if (ReportedStores.count(At))
    return;
  for (unsigned I : Value.Live) {
    if (!Applies(Loans[I]))
      continue;
    ReportedStores.insert(At);
    SourceLocation GuardEnd;
    if (Loans[I].Guard.K == GuardRef::Local) {
      const Stmt *Scope = scopeOf(Loans[I].Guard.Var);
      if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Scope))
        GuardEnd = CS->getRBracLoc();
      else if (Scope)
        GuardEnd = Scope->getEndLoc();
    }
    Handler.handleEscape(K, At, Dest, BorrowType, Loans[I], GuardEnd, Steps);
    return;
  }
}

bool FunctionAnalysis::isViewOfGuard(const Loan &L) const {
  // Members of an object constructed with the guard RCU_BORROW may hold its
  // borrows: callers treat the whole object as a borrow of that guard.
  const auto *P = dyn_cast_or_null<ParmVarDecl>(L.Guard.Var);
  return L.Guard.K == GuardRef::Parameter && isa<CXXConstructorDecl>(FD) &&
         isBorrowingGuardParam(P);
}

void FunctionAnalysis::storeInto(const Stmt *At, const Destination &D,
                                 const LoanSet &Value, QualType ValueType,
                                 HolderState &State,
                                 llvm::ArrayRef<EscapeStep> Steps) {
  switch (D.K) {
  case Destination::Unknown:
    return;
  case Destination::Global:
    reportEscape(
        EscapeKind::Global, At, D.Decl, ValueType, Value,
        [](const Loan &) { return true; }, Steps);
    return;
  case Destination::Member:
    reportEscape(
        EscapeKind::Member, At, D.Decl, ValueType, Value,
        [&](const Loan &L) { return !isViewOfGuard(L); }, Steps);
    return;
  case Destination::ThroughParam:
    reportEscape(EscapeKind::ThroughParam, At, D.Decl, ValueType, Value,
                 isLocalOrTemporaryGuard, Steps);
    return;
  case Destination::Captured:
    reportEscape(EscapeKind::Captured, At, D.Decl, ValueType, Value,
                 isLocalOrTemporaryGuard, Steps);
    return;
  case Destination::Local: {
    const auto *VD = cast<VarDecl>(D.Decl);
    if (!isTrackedVar(VD))
      return;
    if (D.Direct && !Types.mayHoldBorrow(VD->getType()))
      return;
    // Containers and callables kept beyond the guard are escapes where they
    // are stored; pointers and views are only wrong if used after it ends.
    bool EscapesHere =
        D.Direct ? describeBorrow(VD->getType()) == "lambda" : D.ViaContainer;
    LoanSet Kept =
        EscapesHere
            ? keepWithinGuard(At, VD, Value,
                              D.Direct ? VD->getType() : ValueType, Steps)
            : Value;
    // A store into the only member that can hold a borrow overwrites all
    // the variable holds, as a store into the whole variable does.
    if (D.Direct ||
        (!D.ViaContainer && !D.ViaElement && hasOneBorrowSlot(VD->getType()))) {
      State[VD] = ExprLoans{LoanSet(), Kept};
      return;
    }
    ExprLoans &Held = State[VD];
    // A field or element stored again by the same borrowing call (a loop
    // with a fresh guard each iteration) holds the new borrow, not the old.
    if (!D.ViaContainer)
      Held.Val.Dangling.intersectWithComplement(Kept.Live);
    Held.Val |= Kept;
    return;
  }
  }
}

Destination FunctionAnalysis::destinationOfVar(const VarDecl *VD) {
  Destination D;
  D.Decl = VD;
  QualType T = VD->getType();
  if (!VD->hasLocalStorage())
    D.K = Destination::Global;
  else if (isa<ParmVarDecl>(VD) && (T->isReferenceType() || T->isPointerType()))
    D.K = Destination::ThroughParam;
  else if (!T->isReferenceType())
    D.K = Destination::Local;
  return D;
}

/// The object an out-argument designates: `&x` is x.
static const Expr *designatedObject(const Expr *Arg) {
  const Expr *E = stripTransparent(Arg, Strip::Everything);
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    return UO->getSubExpr();
  return Arg;
}

void FunctionAnalysis::applySummaryStores(const Expr *Call,
                                          const CallParts &Parts,
                                          HolderState &State) {
  const FunctionDecl *Callee = Parts.Callee;
  if (!Callee || compat::isInStlNamespace(Callee))
    return;
  llvm::SmallVector<LoanSet, 4> In = summaryInputs(Callee, Parts, State, 0);
  if (llvm::none_of(In, [](const LoanSet &L) { return !L.Live.empty(); }))
    return;
  const FunctionSummary *S = Summaries.get(Callee);
  if (!S)
    return;
  auto Vars = summarisedVariables(Callee);
  const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
  bool IsLambda = MD && MD->getParent()->isLambda();
  // The argument bound to parameter \p Idx, if any.
  auto ArgFor = [&](unsigned Idx) -> const Expr * {
    for (unsigned I = 0; I < Parts.Args.size(); ++I)
      if (Parts.Params[I] && Parts.Params[I]->getFunctionScopeIndex() == Idx)
        return Parts.Args[I];
    return nullptr;
  };
  // A container (or aggregate) destination keeps growing; a pointer-like one
  // is overwritten.
  auto Grows = [](QualType T) {
    T = T.getNonReferenceType();
    return !isPointerLike(T) && !T->isPointerType();
  };
  // The object an out-parameter reaches: its referent or pointee.
  auto Reached = [](QualType T) {
    return T->isPointerType() ? T->getPointeeType() : T.getNonReferenceType();
  };
  for (unsigned I = 0; I < In.size() && I < S->Stores.size(); ++I) {
    if (In[I].Live.empty())
      continue;
    // The referent slot is the object a reference names.
    QualType ValueType = Vars[I / 2]->getType();
    if (I == valueSlot(I / 2))
      ValueType = ValueType.getNonReferenceType();
    for (const ParamStore &PS : S->Stores[I]) {
      Destination D;
      switch (PS.Kind) {
      case EscapeKind::Member:
        // In a lambda, `this` is the enclosing object: the caller's.
        if (IsLambda) {
          D.K = Destination::Member;
        } else if (Parts.Object) {
          D = classifyDestination(Parts.Object);
        } else {
          continue;
        }
        if (D.K == Destination::Member && !D.Decl)
          D.Decl = dyn_cast_or_null<ValueDecl>(PS.Dest);
        if (const auto *F = dyn_cast_or_null<ValueDecl>(PS.Dest))
          D.ViaContainer = Grows(F->getType());
        break;
      case EscapeKind::ThroughParam:
      case EscapeKind::Captured: {
        unsigned J = PS.ThroughParam;
        if (J < Callee->getNumParams()) {
          const Expr *Out = ArgFor(J);
          if (!Out)
            continue;
          D = classifyDestination(designatedObject(Out));
        } else if (J < Vars.size()) {
          D = destinationOfVar(Vars[J]);
        } else {
          continue;
        }
        // A parameter reaches the object it refers or points to; a capture
        // is the variable itself.
        if (J < Vars.size())
          D.ViaContainer = Grows(PS.Kind == EscapeKind::ThroughParam
                                     ? Reached(Vars[J]->getType())
                                     : Vars[J]->getType());
        break;
      }
      case EscapeKind::Global:
        reportEscape(
            EscapeKind::Global, Call, PS.Dest, ValueType, In[I],
            [](const Loan &) { return true; }, PS.Steps);
        continue;
      case EscapeKind::Thread:
        reportEscape(
            EscapeKind::Thread, Call, PS.Dest, ValueType, In[I],
            [](const Loan &) { return true; }, PS.Steps);
        continue;
      case EscapeKind::OuterContainer:
      case EscapeKind::Return:
        continue;
      }
      D.Direct = false;
      storeInto(Call, D, In[I], ValueType, State, PS.Steps);
    }
  }
}

/// A call to the standard library function named \p Name, if \p E is one.
static const CallExpr *stdCallNamed(const Expr *E,
                                    std::initializer_list<StringRef> Names) {
  const auto *Call = dyn_cast<CallExpr>(stripTransparent(E, Strip::Everything));
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier() || !compat::isInStlNamespace(FD))
    return nullptr;
  return llvm::is_contained(Names, FD->getName()) ? Call : nullptr;
}

/// The container an output iterator appends to: back_inserter(c) is c.
static const Expr *containerBehind(const Expr *Out) {
  if (const CallExpr *Call =
          stdCallNamed(Out, {"back_inserter", "front_inserter", "inserter"}))
    return Call->getNumArgs() ? Call->getArg(0) : nullptr;
  const auto *CE =
      dyn_cast<CXXConstructExpr>(stripTransparent(Out, Strip::Everything));
  if (CE && CE->getNumArgs() && isInsertIterator(CE->getType()))
    return CE->getArg(0);
  return Out;
}

LoanSet FunctionAnalysis::elementsOf(const Expr *First, const CallParts &Parts,
                                     const HolderState &State) {
  // Only where the range is named (c.begin(), std::begin(c)) are its
  // elements known: what the container holds. A transform whose function
  // returns a pointer or reference may also point into the range.
  const Expr *Range = nullptr;
  const Expr *E = stripTransparent(First, Strip::Everything);
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    if (MD && MD->getIdentifier() &&
        llvm::is_contained({StringRef("begin"), StringRef("cbegin")},
                           MD->getName()))
      Range = MCE->getImplicitObjectArgument();
  } else if (const CallExpr *Call = stdCallNamed(E, {"begin", "cbegin"})) {
    Range = Call->getNumArgs() ? Call->getArg(0) : nullptr;
  }
  if (!Range)
    return LoanSet();
  ExprLoans V = eval(Range, State);
  LoanSet Elements = V.Val;
  const FunctionDecl *Callee = Parts.Callee;
  if (Callee->getIdentifier() && Callee->getName() == "transform" &&
      !Parts.Args.empty()) {
    const CXXRecordDecl *Op =
        Parts.Args.back()->getType()->getAsCXXRecordDecl();
    const CXXMethodDecl *Call =
        Op && Op->isLambda() ? Op->getLambdaCallOperator() : nullptr;
    if (Call && isPointerLike(Call->getReturnType()))
      Elements |= V.Ref;
  }
  return Elements;
}

bool FunctionAnalysis::applyLibraryStores(const Expr *Call,
                                          const CallParts &Parts,
                                          HolderState &State) {
  auto Stores = libraryStores(Parts.Callee);
  if (Stores.empty())
    return false;
  struct Pending {
    Destination D;
    LoanSet Value;
    QualType Type;
  };
  // Every value is read before any is written: swap(a, b).
  llvm::SmallVector<Pending, 4> Writes;
  bool Handled = false;
  for (const LibraryStore &S : Stores) {
    // Assigning to a tuple stores into the variables only of a std::tie;
    // other tuples are holders like any other.
    const CallExpr *Tie = S.To == LibraryStore::Tied && Parts.Object
                              ? stdCallNamed(Parts.Object, {"tie"})
                              : nullptr;
    if (S.To == LibraryStore::Tied && !Tie)
      continue;
    Handled = true;
    LoanSet Value;
    QualType Type;
    if (S.From < 0) {
      for (const Expr *Arg : Parts.Args)
        Value |= eval(Arg, State).Val;
      Type = Parts.Args.empty() ? QualType() : Parts.Args[0]->getType();
    } else if (unsigned(S.From) < Parts.Args.size()) {
      const Expr *Arg = Parts.Args[S.From];
      Value = S.Elements ? elementsOf(Arg, Parts, State) : eval(Arg, State).Val;
      Type = Arg->getType();
    }
    if (Value.empty())
      continue;
    llvm::SmallVector<Destination, 2> Ds;
    switch (S.To) {
    case LibraryStore::Object:
      if (Parts.Object)
        Ds.push_back(classifyDestination(Parts.Object));
      break;
    case LibraryStore::Argument:
      if (unsigned(S.Into) < Parts.Args.size())
        Ds.push_back(classifyDestination(Parts.Args[S.Into]));
      break;
    case LibraryStore::Inserter:
      if (unsigned(S.Into) < Parts.Args.size())
        if (const Expr *C = containerBehind(Parts.Args[S.Into])) {
          Destination D = classifyDestination(C);
          D.Direct = false;
          D.ViaContainer = true;
          Ds.push_back(D);
        }
      break;
    case LibraryStore::Tied:
      for (const Expr *Arg : Tie->arguments())
        Ds.push_back(classifyDestination(Arg));
      break;
    }
    for (Destination &D : Ds) {
      D.Direct &= S.Overwrites;
      Writes.push_back({D, Value, Type});
    }
  }
  for (const Pending &W : Writes)
    storeInto(Call, W.D, W.Value, W.Type, State);
  return Handled;
}

/// Reports the loans of \p Value whose guard \p VD outlives, and returns
/// the rest: what \p VD may go on holding.
LoanSet FunctionAnalysis::keepWithinGuard(const Stmt *At, const VarDecl *VD,
                                          const LoanSet &Value,
                                          QualType ValueType,
                                          llvm::ArrayRef<EscapeStep> Steps) {
  LoanSet Kept = Value;
  bool Escapes = false;
  for (unsigned I : Value.Live)
    if (outlivesGuard(VD, Loans[I])) {
      Escapes = true;
      Kept.Live.reset(I);
    }
  if (Escapes)
    reportEscape(
        EscapeKind::OuterContainer, At, VD, ValueType, Value,
        [&](const Loan &L) { return outlivesGuard(VD, L); }, Steps);
  return Kept;
}

void FunctionAnalysis::store(const Stmt *At, const Expr *LHS,
                             const LoanSet &Value, QualType ValueType,
                             HolderState &State) {
  storeInto(At, classifyDestination(LHS), Value, ValueType, State);
}

//===----------------------------------------------------------------------===//
// Uses
//===----------------------------------------------------------------------===//

bool FunctionAnalysis::isNullnessTest(const Expr *E) {
  const Stmt *Child = E;
  const Stmt *P = Parents->getParentIgnoreParens(E);
  while (P) {
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P)) {
      if (ICE->getCastKind() == CK_PointerToBoolean)
        return true;
      if (ICE->getCastKind() != CK_LValueToRValue &&
          ICE->getCastKind() != CK_NoOp)
        return false;
      Child = P;
      P = Parents->getParentIgnoreParens(P);
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (!BO->isEqualityOp())
        return false;
      const Expr *Other = BO->getLHS() == Child ? BO->getRHS() : BO->getLHS();
      return Other->isNullPointerConstant(Ctx,
                                          Expr::NPC_ValueDependentIsNotNull);
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(P))
      return UO->getOpcode() == UO_LNot;
    return false;
  }
  return false;
}

/// A holder passed by non-const reference (`T *&`) or by address (`T **`):
/// the callee may overwrite it, so it is not a use of its old value.
const VarDecl *FunctionAnalysis::outArgumentHolder(const Expr *Arg,
                                                   const ParmVarDecl *P) {
  if (!Arg || !P)
    return nullptr;
  QualType PT = P->getType();
  const Expr *E = Arg->IgnoreParens();
  bool ByAddress = false;
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf) {
    E = UO->getSubExpr()->IgnoreParens();
    ByAddress = true;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!isTrackedVar(VD) || VD->getType()->isReferenceType())
    return nullptr;
  // A forwarding reference (emplace(Args&&...)) passes the value on.
  const auto *LRef = PT->getAs<LValueReferenceType>();
  bool Out = ByAddress ? PT->isPointerType() &&
                             !PT->getPointeeType().isConstQualified()
                       : LRef && LRef->isSpelledAsLValue() &&
                             !PT.getNonReferenceType().isConstQualified();
  return Out ? VD : nullptr;
}

bool FunctionAnalysis::isOutArgument(const DeclRefExpr *DRE) {
  const Stmt *Child = DRE;
  const Stmt *P = Parents->getParentIgnoreParens(DRE);
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P);
      UO && UO->getOpcode() == UO_AddrOf) {
    Child = UO;
    P = Parents->getParentIgnoreParens(UO);
  }
  const auto *Call = dyn_cast_or_null<Expr>(P);
  auto Parts = Call ? decomposeCall(Call) : std::nullopt;
  if (!Parts)
    return false;
  for (unsigned I = 0; I < Parts->Args.size(); ++I)
    if (Parts->Args[I]->IgnoreParens() == Child)
      return outArgumentHolder(Parts->Args[I], Parts->Params[I]) != nullptr;
  return false;
}

void FunctionAnalysis::updateOutArguments(const Expr *Call,
                                          const CallParts &Parts,
                                          HolderState &State) {
  for (unsigned I = 0; I < Parts.Args.size(); ++I) {
    const VarDecl *VD = outArgumentHolder(Parts.Args[I], Parts.Params[I]);
    if (!VD)
      continue;
    // What the callee stores there: at most a borrow of the guard it takes
    // RCU_BORROW. A pointer or view is overwritten; a container may grow.
    LoanSet Stored = loanOf(Call, State);
    if (isPointerLike(VD->getType()))
      State[VD] = ExprLoans{LoanSet(), Stored};
    else
      State[VD].Val |= Stored;
  }
}

/// How many places of type \p T may hold a borrow, through fields and bases
/// (an array counts as many); 2 means "more than one".
unsigned FunctionAnalysis::borrowSlots(QualType T, unsigned Depth) {
  if (Depth > 8 || !Types.mayHoldBorrow(T))
    return 0;
  if (T->isArrayType() || isStdArray(T))
    return 2;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  RD = RD ? RD->getDefinition() : nullptr;
  bool Aggregate = RD && !RD->isLambda() && !RD->isUnion() &&
                   !isPointerLike(T) &&
                   (!compat::isInStlNamespace(RD) || RD->getName() == "pair");
  if (!Aggregate)
    return 1;
  unsigned N = 0;
  for (const CXXBaseSpecifier &B : RD->bases())
    N += borrowSlots(B.getType(), Depth + 1);
  for (const FieldDecl *F : RD->fields())
    if ((N += borrowSlots(F->getType(), Depth + 1)) > 1)
      return 2;
  return N ? std::min(N, 2u) : 1;
}

bool FunctionAnalysis::hasOneBorrowSlot(QualType T) {
  // Asked on every partial store of every fixpoint iteration: remember.
  auto [It, Inserted] = OneBorrowSlot.try_emplace(T.getTypePtr(), false);
  if (Inserted)
    It->second = borrowSlots(T, 0) == 1;
  return It->second;
}

/// The part of a local aggregate that \p DRE is the base of: `x.a.b`,
/// `arr[i]`, `std_array[i]`; \p DRE itself when it is not projected.
const Expr *FunctionAnalysis::accessedPart(const DeclRefExpr *DRE) {
  const Expr *Part = DRE;
  const Stmt *P = Parents->getParentIgnoreParens(DRE);
  while (P) {
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P);
        ICE && (ICE->getCastKind() == CK_NoOp ||
                ICE->getCastKind() == CK_ArrayToPointerDecay ||
                ICE->getCastKind() == CK_UncheckedDerivedToBase ||
                ICE->getCastKind() == CK_DerivedToBase)) {
      P = Parents->getParentIgnoreParens(P);
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P);
        ME && isa<FieldDecl>(ME->getMemberDecl()) &&
        (!ME->isArrow() || isUniquePointee(Part))) {
      Part = ME;
    } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(P);
               OCE && isUniquePointee(OCE) &&
               OCE->getArg(0)->IgnoreParenImpCasts() == Part) {
      // What a local std::unique_ptr owns is a part of it.
      Part = OCE;
    } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P);
               AS && AS->getBase()->IgnoreParenImpCasts() == Part) {
      Part = AS;
    } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(P);
               OCE && OCE->getOperator() == OO_Subscript &&
               OCE->getNumArgs() == 2 &&
               OCE->getArg(0)->IgnoreParenImpCasts() == Part &&
               isStdArray(Part->getType())) {
      Part = OCE;
    } else {
      break;
    }
    P = Parents->getParentIgnoreParens(P);
  }
  return Part;
}

void FunctionAnalysis::checkUse(const DeclRefExpr *DRE,
                                const HolderState &State) {
  const ValueDecl *Named = DRE->getDecl();
  const auto *VD = dyn_cast<VarDecl>(Named);
  // A structured binding reads a part of its hidden decomposed variable:
  // only what that part holds.
  const auto *Binding = dyn_cast<BindingDecl>(Named);
  if (Binding)
    VD = dyn_cast_or_null<VarDecl>(Binding->getDecomposedDecl());
  if (!Reporting || !isTrackedVar(VD))
    return;
  auto It = State.find(VD);
  if (It == State.end())
    return;
  ExprLoans Held = Binding ? eval(DRE, State) : It->second;
  LoanBits Dangling = Held.Ref.Dangling;
  Dangling |= Held.Val.Dangling;
  if (Dangling.empty())
    return;
  // A field or element of a local aggregate is used, not the whole: one
  // that holds no borrow (an int, a copied string) reads nothing dangling.
  const Expr *Used = DRE;
  if (!Named->getType()->isReferenceType() && Held.Ref.empty()) {
    Used = accessedPart(DRE);
    if (Used != DRE && !Types.mayHoldBorrow(Used->getType()))
      return;
  }
  // Overwriting the variable (or the part) is not a use of its old value.
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(
          Parents->getParentIgnoreParens(Used)))
    if (BO->getOpcode() == BO_Assign && BO->getLHS()->IgnoreParens() == Used)
      return;
  if (const auto *OCE = dyn_cast_or_null<CXXOperatorCallExpr>(
          Parents->getParentIgnoreParens(Used)))
    if (OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2 &&
        OCE->getArg(0)->IgnoreParens() == Used)
      return;
  if (isNullnessTest(Used) || isOutArgument(DRE))
    return;
  // One report per dangling loan: later uses of the same borrow, or of its
  // copies (into another pointer or a lambda), are consequences, not new
  // bugs; the same variable reloaded under another guard is.
  LoanBits Fresh = Dangling;
  Fresh.intersectWithComplement(ReportedLoans);
  if (Fresh.empty())
    return;
  unsigned I = Fresh.find_first();
  ReportedLoans |= Dangling;
  Handler.handleUseAfterGuardEnd(DRE, Named, Loans[I], GuardEndOf[I],
                                 nameableStatement(Loans[I], DRE));
}

void FunctionAnalysis::checkCoroutineResult(const Stmt *S,
                                            const HolderState &State) {
  // The value the promise's return_value or yield_value receives, converted
  // to its parameter (a std::string_view made from a std::string).
  const Expr *Operand = nullptr;
  const Expr *PromiseCall = nullptr;
  if (const auto *CR = dyn_cast<CoreturnStmt>(S)) {
    Operand = CR->getOperand();
    PromiseCall = CR->getPromiseCall();
  } else if (const auto *CY = dyn_cast<CoyieldExpr>(S)) {
    Operand = CY->getOperand();
    PromiseCall = CY->getCommonExpr();
  }
  if (!Operand)
    return;
  const Expr *Value = Operand;
  if (auto Parts =
          PromiseCall
              ? decomposeCall(stripTransparent(PromiseCall, Strip::Everything))
              : std::nullopt;
      Parts && Parts->Args.size() == 1)
    Value = Parts->Args[0];
  QualType Type = Value->getType().getNonReferenceType();
  if (!Types.mayHoldBorrow(Type))
    return;
  reportEscape(EscapeKind::Return, S, nullptr, Type, eval(Value, State).Val,
               isLocalOrTemporaryGuard);
}

const Stmt *FunctionAnalysis::nameableStatement(const Loan &L,
                                                const Expr *Use) {
  if (L.Guard.K != GuardRef::Temporary)
    return nullptr;
  // The statement holding the temporary, directly inside a block.
  const Stmt *S = L.Guard.Temp;
  const Stmt *P = Parents->getParent(S);
  while (P && !isa<CompoundStmt>(P)) {
    S = P;
    P = Parents->getParent(P);
  }
  if (!P || !isa<DeclStmt>(S) || S->getBeginLoc().isMacroID())
    return nullptr;
  // The use must be later in the same block, or a named guard would not
  // reach it either.
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange Block = P->getSourceRange();
  SourceLocation At = SM.getExpansionLoc(Use->getBeginLoc());
  if (!SM.isBeforeInTranslationUnit(S->getEndLoc(), At) ||
      !SM.isBeforeInTranslationUnit(At, Block.getEnd()))
    return nullptr;
  return S;
}

} // namespace rcubox::borrow::internal
