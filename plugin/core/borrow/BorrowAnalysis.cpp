//===- BorrowAnalysis.cpp - Do guard borrows escape their guard? ----------===//

#include "core/borrow/BorrowAnalysis.h"
#include "core/Annotations.h"
#include "core/Compat.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <deque>

using namespace clang;

namespace rcubox::borrow {

BorrowEscapeHandler::~BorrowEscapeHandler() = default;

namespace {

/// Loans held by each local variable that may hold a borrow.
using HolderState = llvm::DenseMap<const VarDecl *, LoanSet>;

void joinInto(HolderState &Into, const HolderState &From) {
  for (const auto &[Var, Loans] : From) {
    auto [It, Inserted] = Into.try_emplace(Var, Loans);
    if (!Inserted)
      It->second |= Loans;
  }
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

/// Where an assignment or insertion stores its value.
struct Destination {
  enum Kind { Unknown, Global, Member, ThroughParam, Local } K = Unknown;
  const ValueDecl *Decl = nullptr;
  bool Direct = false;        ///< The whole variable is overwritten.
  bool ViaContainer = false;  ///< Through a container's operator[]/insert.
};

const Expr *skipParensAndCasts(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E)) {
      E = ICE->getSubExpr();
      continue;
    }
    if (const auto *FE = dyn_cast<FullExpr>(E)) {
      E = FE->getSubExpr();
      continue;
    }
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MTE->getSubExpr();
      continue;
    }
    if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = BTE->getSubExpr();
      continue;
    }
    return E;
  }
}

bool isTrackedVar(const VarDecl *VD) {
  return VD && VD->hasLocalStorage() && !isGuardType(VD->getType());
}

class FunctionAnalysis {
public:
  FunctionAnalysis(const FunctionDecl *FD, ASTContext &Ctx, BorrowTypes &Types,
                   BorrowEscapeHandler &Handler)
      : FD(FD), Ctx(Ctx), Types(Types), Handler(Handler) {}

  bool run();

private:
  // Setup.
  void collectLoans();
  void issueLoanIfBorrowing(const Expr *Call);

  // Dataflow.
  void transferBlock(const CFGBlock &B, HolderState &State);
  void transferStmt(const Stmt *S, HolderState &State);
  void expireLoans(const void *GuardKey, SourceLocation At,
                   HolderState &State);

  // Expression values.
  ExprLoans eval(const Expr *E, const HolderState &State, unsigned Depth = 0);
  ExprLoans evalCall(const Expr *Call, const FunctionDecl *Callee,
                     const Expr *Object, llvm::ArrayRef<const Expr *> Args,
                     const HolderState &State, unsigned Depth);
  ExprLoans evalConstruct(const CXXConstructExpr *CE, const HolderState &State,
                          unsigned Depth);
  ExprLoans evalLambda(const LambdaExpr *LE, const HolderState &State,
                       unsigned Depth);
  LoanSet sourceLoans(const Expr *Arg, bool ByReference,
                      const HolderState &State, unsigned Depth);
  LoanSet emptySet() const { return LoanSet(); }

  // Stores and escapes.
  Destination classifyDestination(const Expr *LHS);
  void store(const Stmt *At, const Expr *LHS, const LoanSet &Value,
             QualType ValueType, HolderState &State);
  void storeInto(const Stmt *At, const Destination &D, const LoanSet &Value,
                 QualType ValueType, HolderState &State);
  void checkUse(const DeclRefExpr *DRE, const HolderState &State);
  void checkThreadArgs(const clang::Expr *At, const NamedDecl *Spawner,
                       llvm::ArrayRef<const Expr *> Args,
                       const HolderState &State);
  bool isNullnessTest(const Expr *E);
  bool outlivesGuard(const VarDecl *Container, const Loan &L);
  bool isViewOfGuard(const Loan &L) const;
  const Stmt *nameableStatement(const Loan &L, const Expr *Use);
  const Stmt *scopeOf(const VarDecl *VD);
  void reportEscape(EscapeKind K, const Stmt *At, const NamedDecl *Dest,
                    QualType BorrowType, const LoanSet &Value,
                    llvm::function_ref<bool(const Loan &)> Applies);

  const FunctionDecl *FD;
  ASTContext &Ctx;
  BorrowTypes &Types;
  BorrowEscapeHandler &Handler;

  std::unique_ptr<CFG> Graph;
  std::unique_ptr<ParentMap> Parents;
  std::vector<Loan> Loans;
  llvm::DenseMap<const Expr *, unsigned> LoanOfCall;
  llvm::DenseMap<const void *, llvm::SmallVector<unsigned, 2>> LoansOfGuard;
  std::vector<SourceLocation> GuardEndOf; // Per loan, where it expired.
  bool Reporting = false;
  llvm::SmallPtrSet<const VarDecl *, 8> ReportedHolders;
  LoanBits ReportedLoans;
  llvm::SmallPtrSet<const Stmt *, 8> ReportedStores;
  llvm::DenseMap<const VarDecl *, const Stmt *> Scopes;
};

//===----------------------------------------------------------------------===//
// Loans
//===----------------------------------------------------------------------===//

/// The callee and argument list of any call-like expression.
struct CallParts {
  const FunctionDecl *Callee = nullptr;
  const Expr *Object = nullptr; // Implicit object argument, if any.
  llvm::SmallVector<const Expr *, 4> Args;
  llvm::SmallVector<const ParmVarDecl *, 4> Params; // Parallel to Args.
};

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
               !cast<CXXMethodDecl>(P.Callee)->isExplicitObjectMemberFunction() &&
               !Args.empty()) {
      P.Object = Args.front();
      Args = Args.drop_front();
    }
    for (unsigned I = 0; I < Args.size(); ++I) {
      P.Args.push_back(Args[I]);
      P.Params.push_back(I < P.Callee->getNumParams() ? P.Callee->getParamDecl(I)
                                                      : nullptr);
    }
    return P;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    P.Callee = CE->getConstructor();
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      P.Args.push_back(CE->getArg(I));
      P.Params.push_back(I < P.Callee->getNumParams() ? P.Callee->getParamDecl(I)
                                                      : nullptr);
    }
    return P;
  }
  return std::nullopt;
}

void FunctionAnalysis::issueLoanIfBorrowing(const Expr *Call) {
  if (LoanOfCall.count(Call))
    return;
  auto Parts = decomposeCall(Call);
  if (!Parts)
    return;
  for (unsigned I = 0; I < Parts->Args.size(); ++I) {
    if (!isBorrowingGuardParam(Parts->Params[I]))
      continue;
    GuardRef G = resolveGuard(Parts->Args[I]);
    if (G.K == GuardRef::None)
      continue;
    LoanOfCall[Call] = Loans.size();
    if (G.K == GuardRef::Local)
      LoansOfGuard[G.Var].push_back(Loans.size());
    else if (G.K == GuardRef::Temporary)
      LoansOfGuard[G.Temp].push_back(Loans.size());
    Loans.push_back(Loan{unsigned(Loans.size()), Call, G});
    return;
  }
}

void FunctionAnalysis::collectLoans() {
  for (const CFGBlock *B : *Graph)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        if (const auto *Ex = dyn_cast<Expr>(S->getStmt()))
          if (isa<CallExpr, CXXConstructExpr>(Ex))
            issueLoanIfBorrowing(Ex);
  GuardEndOf.assign(Loans.size(), SourceLocation());
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

/// Types a call result may borrow through: references, pointers and the
/// record types that may hold a borrow.
static bool isBorrowCarrying(QualType T, BorrowTypes &Types) {
  return T->isReferenceType() || Types.mayHoldBorrow(T);
}

ExprLoans FunctionAnalysis::evalCall(const Expr *Call,
                                     const FunctionDecl *Callee,
                                     const Expr *Object,
                                     llvm::ArrayRef<const Expr *> Args,
                                     const HolderState &State,
                                     unsigned Depth) {
  ExprLoans Result{emptySet(), emptySet()};
  QualType Ret = Callee->getReturnType();
  if (!isBorrowCarrying(Ret, Types))
    return Result;

  LoanSet Src = emptySet();
  const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
  // Rust's elision rules apply to functions returning a reference or a
  // pointer-like value; owners (make_shared, optional, vector) copy.
  bool Elide = isPointerLike(Ret);
  // The implicit object: lifetimebound, or by Rust's elision rule any method
  // returning a borrow (data(), begin(), c_str(), operator[] ...).
  if (Object && MD && MD->isInstance() && !isGuardType(Object->getType()) &&
      (Elide || compat::implicitObjectParamIsLifetimeBound(Callee))) {
    bool AssignOp = MD->isCopyAssignmentOperator() ||
                    MD->isMoveAssignmentOperator();
    if (!AssignOp)
      Src |= sourceLoans(Object, /*ByReference=*/true, State, Depth);
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
    if (P->hasAttr<LifetimeBoundAttr>()) {
      AnyLifetimeBound = true;
      Src |= sourceLoans(Args[I], P->getType()->isReferenceType(), State,
                         Depth);
      continue;
    }
    if (isBorrowCarrying(P->getType(), Types))
      Candidates.push_back(I);
    if (Ctx.hasSameUnqualifiedType(P->getType().getNonReferenceType(),
                                   Ret.getNonReferenceType()))
      SameType.push_back(I);
  }
  if (Elide && !AnyLifetimeBound && !(MD && MD->isInstance())) {
    llvm::ArrayRef<unsigned> Chosen;
    if (Candidates.size() == 1)
      Chosen = Candidates;
    else if (!SameType.empty())
      Chosen = SameType;
    for (unsigned I : Chosen) {
      const ParmVarDecl *P = Merged->getParamDecl(I);
      Src |= sourceLoans(Args[I], P->getType()->isReferenceType(), State,
                         Depth);
    }
  }

  auto It = LoanOfCall.find(Call);
  if (It != LoanOfCall.end())
    Src.Live.set(It->second);

  if (Ret->isReferenceType()) {
    Result.Ref = Src;
    if (Types.mayHoldBorrow(Ret.getNonReferenceType()))
      Result.Val = Src;
  } else {
    Result.Val = Src;
  }
  return Result;
}

ExprLoans FunctionAnalysis::evalConstruct(const CXXConstructExpr *CE,
                                          const HolderState &State,
                                          unsigned Depth) {
  ExprLoans Result{emptySet(), emptySet()};
  if (!Types.mayHoldBorrow(CE->getType()))
    return Result;
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  bool Copy = Ctor && Ctor->isCopyOrMoveConstructor();
  for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
    const Expr *Arg = CE->getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    // A copy of an object inside RCU data owns its fields' values; any other
    // constructor taking a reference (span(range&), function(F&&)) may keep it.
    bool ByRef = !Copy && Ctor && I < Ctor->getNumParams() &&
                 Ctor->getParamDecl(I)->getType()->isReferenceType();
    ExprLoans A = eval(Arg, State, Depth + 1);
    Result.Val |= A.Val;
    if (ByRef)
      Result.Val |= A.Ref;
  }
  // A constructor taking its guard RCU_BORROW makes the object a view.
  auto It = LoanOfCall.find(CE);
  if (It != LoanOfCall.end())
    Result.Val.Live.set(It->second);
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
    // of a reference copies the referent, which may itself hold a borrow.
    bool ByCopyOfReferent = C.getCaptureKind() == LCK_ByCopy &&
                            VD->getType()->isReferenceType() &&
                            !Types.mayHoldBorrow(
                                VD->getType().getNonReferenceType());
    if (!ByCopyOfReferent)
      Result.Val |= It->second;
  }
  return Result;
}

ExprLoans FunctionAnalysis::eval(const Expr *E, const HolderState &State,
                                 unsigned Depth) {
  ExprLoans Result{emptySet(), emptySet()};
  if (!E || Depth > 64)
    return Result;
  E = E->IgnoreParens();

  if (const auto *FE = dyn_cast<FullExpr>(E))
    return eval(FE->getSubExpr(), State, Depth + 1);
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
    case CK_LValueToRValue:
      if (Types.mayHoldBorrow(E->getType()))
        Result.Val = Sub.Val;
      return Result;
    case CK_ArrayToPointerDecay:
      Result.Val = Sub.Ref;
      Result.Val |= Sub.Val;
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
      if (Types.mayHoldBorrow(E->getType()))
        Result.Val = Sub.Val;
      return Result;
    }
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    // A structured binding names a part of its hidden decomposed variable.
    if (const auto *BD = dyn_cast<BindingDecl>(DRE->getDecl()))
      return BD->getBinding() ? eval(BD->getBinding(), State, Depth + 1)
                              : Result;
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!isTrackedVar(VD) || DRE->refersToEnclosingVariableOrCapture())
      return Result;
    auto It = State.find(VD);
    if (It == State.end())
      return Result;
    if (VD->getType()->isReferenceType()) {
      Result.Ref = It->second;
      if (Types.mayHoldBorrow(VD->getType().getNonReferenceType()))
        Result.Val = It->second;
    } else {
      Result.Val = It->second;
    }
    return Result;
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
      Result.Ref = Sub.Val;
      return Result;
    case UO_AddrOf:
      Result.Val = Sub.Ref;
      Result.Val |= Sub.Val;
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

//===----------------------------------------------------------------------===//
// Stores
//===----------------------------------------------------------------------===//

Destination FunctionAnalysis::classifyDestination(const Expr *LHS) {
  Destination D;
  const FieldDecl *LastField = nullptr;
  bool Direct = true;
  bool ViaContainer = false;
  const Expr *E = LHS;
  for (unsigned Depth = 0; E && Depth < 32; ++Depth) {
    E = skipParensAndCasts(E);
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        LastField = F;
      Direct = false;
      const Expr *Base = skipParensAndCasts(ME->getBase());
      if (isa<CXXThisExpr>(Base)) {
        D.K = Destination::Member;
        D.Decl = LastField;
        return D;
      }
      if (ME->isArrow()) {
        // Through a pointer: only a parameter's pointee is known to outlive.
        if (const auto *DRE = dyn_cast<DeclRefExpr>(Base))
          if (isa<ParmVarDecl>(DRE->getDecl())) {
            D.K = Destination::ThroughParam;
            D.Decl = DRE->getDecl();
            return D;
          }
        return D;
      }
      E = Base;
      continue;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      Direct = false;
      const Expr *Base = AS->getBase();
      if (Base->getType()->isPointerType() &&
          !isa<ImplicitCastExpr>(Base->IgnoreParens())) {
        E = Base;
        ViaContainer = true;
        continue;
      }
      E = Base;
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() != UO_Deref)
        return D;
      Direct = false;
      const Expr *Sub = skipParensAndCasts(UO->getSubExpr());
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Sub))
        if (isa<ParmVarDecl>(DRE->getDecl())) {
          D.K = Destination::ThroughParam;
          D.Decl = DRE->getDecl();
          return D;
        }
      if (isa<CXXThisExpr>(Sub)) {
        D.K = Destination::Member;
        return D;
      }
      return D;
    }
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E)) {
      // Container element access: m[k], *it, it->...
      if (OCE->getNumArgs() == 0)
        return D;
      Direct = false;
      ViaContainer = true;
      E = OCE->getArg(0);
      continue;
    }
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
      Direct = false;
      ViaContainer = true;
      E = MCE->getImplicitObjectArgument();
      continue;
    }
    if (isa<CXXThisExpr>(E)) {
      D.K = Destination::Member;
      D.Decl = LastField;
      return D;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (!VD)
        return D;
      D.Decl = VD;
      D.Direct = Direct;
      D.ViaContainer = ViaContainer;
      if (!VD->hasLocalStorage()) {
        D.K = Destination::Global;
      } else if (isa<ParmVarDecl>(VD) && VD->getType()->isReferenceType()) {
        D.K = Destination::ThroughParam;
      } else if (VD->getType()->isReferenceType()) {
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

void FunctionAnalysis::reportEscape(
    EscapeKind K, const Stmt *At, const NamedDecl *Dest, QualType BorrowType,
    const LoanSet &Value, llvm::function_ref<bool(const Loan &)> Applies) {
  if (!Reporting || ReportedStores.count(At))
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
    Handler.handleEscape(K, At, Dest, BorrowType, Loans[I], GuardEnd);
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

static bool isLocalOrTemporaryGuard(const Loan &L) {
  return L.Guard.K == GuardRef::Local || L.Guard.K == GuardRef::Temporary;
}

void FunctionAnalysis::storeInto(const Stmt *At, const Destination &D,
                                 const LoanSet &Value, QualType ValueType,
                                 HolderState &State) {
  switch (D.K) {
  case Destination::Unknown:
    return;
  case Destination::Global:
    reportEscape(EscapeKind::Global, At, D.Decl, ValueType, Value,
                 [](const Loan &) { return true; });
    return;
  case Destination::Member:
    reportEscape(EscapeKind::Member, At, D.Decl, ValueType, Value,
                 [&](const Loan &L) { return !isViewOfGuard(L); });
    return;
  case Destination::ThroughParam:
    reportEscape(EscapeKind::ThroughParam, At, D.Decl, ValueType, Value,
                 isLocalOrTemporaryGuard);
    return;
  case Destination::Local: {
    const auto *VD = cast<VarDecl>(D.Decl);
    if (!isTrackedVar(VD))
      return;
    if (D.Direct) {
      if (!Types.mayHoldBorrow(VD->getType()))
        return;
      // A callable kept beyond the guard is an escape where it is stored;
      // pointers and views are only wrong if used after the guard ends.
      LoanSet Kept = Value;
      if (describeBorrow(VD->getType()) == "lambda") {
        bool Escapes = false;
        for (unsigned I : Value.Live)
          if (outlivesGuard(VD, Loans[I])) {
            Escapes = true;
            Kept.Live.reset(I);
          }
        if (Escapes)
          reportEscape(EscapeKind::OuterContainer, At, VD, VD->getType(),
                       Value,
                       [&](const Loan &L) { return outlivesGuard(VD, L); });
      }
      State[VD] = Kept;
      return;
    }
    LoanSet Kept = Value;
    if (D.ViaContainer) {
      bool Escapes = false;
      for (unsigned I : Value.Live)
        if (outlivesGuard(VD, Loans[I])) {
          Escapes = true;
          Kept.Live.reset(I);
        }
      if (Escapes)
        reportEscape(EscapeKind::OuterContainer, At, VD, ValueType, Value,
                     [&](const Loan &L) { return outlivesGuard(VD, L); });
    }
    auto [It, Inserted] = State.try_emplace(VD, Kept);
    if (!Inserted)
      It->second |= Kept;
    return;
  }
  }
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

void FunctionAnalysis::checkUse(const DeclRefExpr *DRE,
                                const HolderState &State) {
  const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
  if (!Reporting || !isTrackedVar(VD) || ReportedHolders.count(VD))
    return;
  auto It = State.find(VD);
  if (It == State.end() || It->second.Dangling.empty())
    return;
  // Overwriting the variable is not a use of its old value.
  if (const auto *BO =
          dyn_cast_or_null<BinaryOperator>(Parents->getParentIgnoreParens(DRE)))
    if (BO->getOpcode() == BO_Assign &&
        BO->getLHS()->IgnoreParens() == DRE)
      return;
  if (const auto *OCE = dyn_cast_or_null<CXXOperatorCallExpr>(
          Parents->getParentIgnoreParens(DRE)))
    if (OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2 &&
        OCE->getArg(0)->IgnoreParens() == DRE)
      return;
  if (isNullnessTest(DRE))
    return;
  // One report per dangling loan: copies of an already reported borrow
  // (into another pointer or a lambda) are consequences, not new bugs.
  LoanBits Fresh = It->second.Dangling;
  Fresh.intersectWithComplement(ReportedLoans);
  ReportedHolders.insert(VD);
  if (Fresh.empty())
    return;
  unsigned I = Fresh.find_first();
  ReportedLoans |= It->second.Dangling;
  Handler.handleUseAfterGuardEnd(DRE, VD, Loans[I], GuardEndOf[I],
                                 nameableStatement(Loans[I], DRE));
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

//===----------------------------------------------------------------------===//
// Transfer functions
//===----------------------------------------------------------------------===//

void FunctionAnalysis::expireLoans(const void *GuardKey, SourceLocation At,
                                   HolderState &State) {
  auto Found = LoansOfGuard.find(GuardKey);
  if (Found == LoansOfGuard.end())
    return;
  LoanBits Expiring;
  for (unsigned ID : Found->second) {
    Expiring.set(ID);
    if (GuardEndOf[ID].isInvalid())
      GuardEndOf[ID] = At;
  }
  for (auto &[Var, Set] : State) {
    LoanBits Moving = Set.Live;
    Moving &= Expiring;
    if (Moving.empty())
      continue;
    Set.Live.intersectWithComplement(Moving);
    Set.Dangling |= Moving;
  }
}

void FunctionAnalysis::checkThreadArgs(const Expr *At, const NamedDecl *Spawner,
                                       llvm::ArrayRef<const Expr *> Args,
                                       const HolderState &State) {
  for (const Expr *Arg : Args) {
    LoanSet Value = eval(Arg, State).Val;
    if (Value.Live.empty())
      continue;
    reportEscape(EscapeKind::Thread, At, Spawner, Arg->getType(), Value,
                 [](const Loan &) { return true; });
    return;
  }
}

void FunctionAnalysis::transferStmt(const Stmt *S, HolderState &State) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    checkUse(DRE, State);
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->getInit() || isGuardType(VD->getType()))
        continue;
      ExprLoans Init = eval(VD->getInit(), State);
      LoanSet Value = Init.Val;
      if (VD->getType()->isReferenceType())
        Value |= Init.Ref;
      if (!VD->hasLocalStorage()) {
        reportEscape(EscapeKind::Global, DS, VD, VD->getType(), Value,
                     [](const Loan &) { return true; });
        continue;
      }
      if (VD->getType()->isReferenceType() ||
          Types.mayHoldBorrow(VD->getType()))
        State[VD] = Value;
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
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    if (isThreadSpawningType(CE->getType()))
      checkThreadArgs(CE, CE->getConstructor()->getParent(),
                      llvm::ArrayRef(CE->getArgs(), CE->getNumArgs()), State);
    return;
  }
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call)
    return;
  auto Parts = decomposeCall(Call);
  if (!Parts)
    return;
  if (isThreadSpawningFunction(Parts->Callee)) {
    checkThreadArgs(Call, Parts->Callee, Parts->Args, State);
    return;
  }
  const auto *MD = dyn_cast<CXXMethodDecl>(Parts->Callee);
  // operator= of a class that may hold a borrow: a store.
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (OCE->getOperator() == OO_Equal && Parts->Object &&
        Parts->Args.size() == 1 &&
        Types.mayHoldBorrow(Parts->Object->getType())) {
      ExprLoans V = eval(Parts->Args[0], State);
      LoanSet Value = V.Val;
      bool CopyAssign = MD && (MD->isCopyAssignmentOperator() ||
                               MD->isMoveAssignmentOperator());
      if (!CopyAssign && Parts->Params[0] &&
          Parts->Params[0]->getType()->isReferenceType())
        Value |= V.Ref;
      store(Call, Parts->Object, Value, Parts->Object->getType(), State);
      return;
    }
  }
  // Insertions into containers, and [[clang::lifetime_capture_by(this)]].
  if (MD && Parts->Object && isContainerInsertion(MD) &&
      Types.mayHoldBorrow(Parts->Object->getType().getNonReferenceType())) {
    LoanSet Value = emptySet();
    for (const Expr *Arg : Parts->Args)
      Value |= eval(Arg, State).Val;
    if (!Value.empty()) {
      Destination D = classifyDestination(Parts->Object);
      D.Direct = false;
      D.ViaContainer = true;
      storeInto(Call, D, Value, Parts->Object->getType(), State);
    }
    return;
  }
  for (unsigned I = 0; I < Parts->Args.size(); ++I) {
    const ParmVarDecl *P = Parts->Params[I];
    const auto *Capture = P ? P->getAttr<LifetimeCaptureByAttr>() : nullptr;
    if (!Capture)
      continue;
    LoanSet Value = sourceLoans(Parts->Args[I], P->getType()->isReferenceType(),
                                State, 0);
    for (int Target : Capture->params()) {
      if (Target == LifetimeCaptureByAttr::This && Parts->Object) {
        Destination D = classifyDestination(Parts->Object);
        D.Direct = false;
        D.ViaContainer = true;
        storeInto(Call, D, Value, P->getType(), State);
      } else if (Target == LifetimeCaptureByAttr::Global ||
                 Target == LifetimeCaptureByAttr::Unknown) {
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

void FunctionAnalysis::transferBlock(const CFGBlock &B, HolderState &State) {
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
      const VarDecl *VD = Dtor->getVarDecl();
      if (!isGuardType(VD->getType()))
        continue;
      SourceLocation At = Dtor->getTriggerStmt()
                              ? Dtor->getTriggerStmt()->getEndLoc()
                              : VD->getLocation();
      if (const auto *CS =
              dyn_cast_or_null<CompoundStmt>(Dtor->getTriggerStmt()))
        At = CS->getRBracLoc();
      else if (Dtor->getTriggerStmt())
        At = Dtor->getTriggerStmt()->getBeginLoc();
      expireLoans(VD, At, State);
      continue;
    }
    if (auto Dtor = E.getAs<CFGTemporaryDtor>()) {
      const CXXBindTemporaryExpr *BTE = Dtor->getBindTemporaryExpr();
      expireLoans(BTE, BTE->getEndLoc(), State);
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
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddLifetime = true;
  Options.AddTemporaryDtors = true;
  Options.AddInitializers = true;
  Options.AddCXXDefaultInitExprInCtors = true;
  Options.setAllAlwaysAdd();
  Graph = CFG::buildCFG(FD, const_cast<Stmt *>(Body), &Ctx, Options);
  if (!Graph)
    return false;
  collectLoans();
  if (Loans.empty())
    return true; // Nothing borrowed from a guard here.
  Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit())
        Parents->addStmt(Init->getInit());

  // Forward may-analysis to a fixpoint, blocks in reverse post-order.
  std::vector<HolderState> In(Graph->getNumBlockIDs());
  std::vector<HolderState> Out(Graph->getNumBlockIDs());
  std::vector<bool> Visited(Graph->getNumBlockIDs(), false);
  PostOrderCFGView RPOT(Graph.get()); // Iterates in reverse post-order.
  std::deque<const CFGBlock *> Worklist(RPOT.begin(), RPOT.end());
  llvm::BitVector Queued(Graph->getNumBlockIDs(), true);
  // Each block's state only grows, and is bounded by holders x loans; this
  // cap only guards against pathological functions.
  size_t Budget = size_t(Graph->getNumBlockIDs()) * 64 + 1024;
  while (!Worklist.empty()) {
    if (Budget-- == 0)
      return false;
    const CFGBlock *B = Worklist.front();
    Worklist.pop_front();
    Queued.reset(B->getBlockID());
    HolderState State;
    for (const CFGBlock *Pred : B->preds())
      if (Pred && Visited[Pred->getBlockID()])
        joinInto(State, Out[Pred->getBlockID()]);
    In[B->getBlockID()] = State;
    transferBlock(*B, State);
    bool Changed = !Visited[B->getBlockID()] ||
                   !sameState(State, Out[B->getBlockID()]);
    Visited[B->getBlockID()] = true;
    if (!Changed)
      continue;
    Out[B->getBlockID()] = std::move(State);
    for (const CFGBlock *Succ : B->succs())
      if (Succ && !Queued.test(Succ->getBlockID())) {
        Queued.set(Succ->getBlockID());
        Worklist.push_back(Succ);
      }
  }

  // Report from the fixpoint, in source order of blocks.
  Reporting = true;
  for (const CFGBlock *B : RPOT) {
    HolderState State = In[B->getBlockID()];
    transferBlock(*B, State);
  }
  return true;
}

} // namespace

bool runBorrowAnalysis(const FunctionDecl *FD, ASTContext &Ctx,
                       BorrowTypes &Types, BorrowEscapeHandler &Handler) {
  return FunctionAnalysis(FD, Ctx, Types, Handler).run();
}

} // namespace rcubox::borrow
