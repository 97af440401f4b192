//===- ConstructorSummary.cpp - Does a constructor keep its argument? -----===//

#include "core/borrow/ConstructorSummary.h"
#include "core/Compat.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>

using namespace clang;

namespace rcubox::borrow {
namespace {

/// Follows one use of the parameter outwards while it still designates (part
/// of) the argument object, and decides whether that use may keep it.
class UseWalker {
public:
  UseWalker(const ParentMap &Parents, BorrowTypes &Types, unsigned Depth)
      : Parents(Parents), Types(Types), Depth(Depth) {}

  bool mayKeep(const Expr *E) {
    Verdict = true;
    for (unsigned Steps = 0; Steps < 64; ++Steps) {
      const Stmt *P = Parents.getParentIgnoreParens(E);
      if (!P)
        // A member initialiser's whole expression: a glvalue here binds a
        // reference member.
        return E->isGLValue();
      auto Next = step(E, P);
      if (!Next)
        return Verdict;
      E = *Next;
    }
    return true;
  }

private:
  /// The next expression that still designates the argument, or none with
  /// Verdict set.
  std::optional<const Expr *> step(const Expr *E, const Stmt *P) {
    auto Stop = [&](bool Keeps) -> std::optional<const Expr *> {
      Verdict = Keeps;
      return std::nullopt;
    };
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P)) {
      switch (ICE->getCastKind()) {
      case CK_NoOp:
      case CK_DerivedToBase:
      case CK_UncheckedDerivedToBase:
        return ICE;
      case CK_LValueToRValue:
      case CK_ToVoid:
      case CK_IntegralCast:
      case CK_IntegralToBoolean:
      case CK_FloatingCast:
        return Stop(false); // A copied scalar.
      case CK_ArrayToPointerDecay:
        if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(
                Parents.getParentIgnoreParens(ICE)))
          if (AS->getBase()->IgnoreParens() == ICE)
            return AS; // An element, not a pointer to it.
        return Stop(true);
      default:
        return Stop(true);
      }
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (isa<CXXMethodDecl>(ME->getMemberDecl())) {
        // Calling a method on it: its result decides.
        if (const auto *Call =
                dyn_cast_or_null<CallExpr>(Parents.getParentIgnoreParens(ME)))
          return resultOf(Call);
        return Stop(true);
      }
      return ME->isArrow() ? Stop(true) : std::optional<const Expr *>(ME);
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(P))
      return Stop(UO->getOpcode() == UO_AddrOf);
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P))
      return CO->getCond()->IgnoreParens() == E ? Stop(false)
                                                : std::optional(CO);
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return Stop(BO->getOpcode() == BO_Comma && BO->getRHS() == E &&
                  BO->isGLValue());
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      if (isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs() > 0 &&
          Call->getArg(0)->IgnoreParens() == E &&
          isa_and_nonnull<CXXMethodDecl>(Call->getDirectCallee()))
        return resultOf(Call);
      if (Call->getCallee()->IgnoreParenImpCasts() == E)
        return Stop(false);
      return Stop(argumentMayKeep(Call, E));
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      const CXXConstructorDecl *Ctor = CE->getConstructor();
      if (Ctor->isCopyOrMoveConstructor())
        return Stop(false);
      for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
        if (CE->getArg(I)->IgnoreParens() != E)
          continue;
        if (I >= Ctor->getNumParams() ||
            !Ctor->getParamDecl(I)->getType()->isReferenceType())
          return Stop(false);
        if (auto Keeps = constructorKeepsReference(Ctor, I, Types, Depth + 1))
          return Stop(*Keeps);
        return Stop(Types.mayReferTo(CE->getType(), E->getType()));
      }
      return Stop(true);
    }
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit() && VD->getInit()->IgnoreParens() == E)
            return Stop(VD->getType()->isReferenceType() ||
                        isPointerLike(VD->getType()));
      return Stop(true);
    }
    if (isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr>(
            P))
      return cast<Expr>(P);
    // Expression statements, conditions: nothing kept.
    if (!isa<Expr>(P))
      return Stop(false);
    return Stop(true);
  }

  /// A call on (part of) the argument: a reference result still designates
  /// it, a pointer-like one points into it, anything else is a copy.
  std::optional<const Expr *> resultOf(const CallExpr *Call) {
    if (Call->isGLValue())
      return Call;
    QualType Ret = Call->getType();
    Verdict = isPointerLike(Ret) || Types.mayHoldBorrow(Ret);
    return std::nullopt;
  }

  /// (Part of) the argument passed on: a by-value parameter copies; a
  /// reference parameter may keep it if the call returns a borrow.
  bool argumentMayKeep(const CallExpr *Call, const Expr *Arg) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    // `member = r.name`: an assignment copies, unless the assigned type
    // refers to what it is given (a view).
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(Call);
        OCE && OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2)
      return Types.mayReferTo(OCE->getArg(0)->getType(), Arg->getType());
    unsigned Offset =
        isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
    for (unsigned I = Offset; I < Call->getNumArgs(); ++I) {
      if (Call->getArg(I)->IgnoreParens() != Arg)
        continue;
      unsigned ParamIdx = I - Offset;
      if (ParamIdx >= Callee->getNumParams())
        return true;
      const ParmVarDecl *Param = Callee->getParamDecl(ParamIdx);
      if (!Param->getType()->isReferenceType() &&
          !Param->getType()->isPointerType())
        return false;
      if (compat::hasLifetimeCaptureBy(Param))
        return true;
      QualType Ret = Callee->getReturnType();
      return Ret->isReferenceType() || isPointerLike(Ret) ||
             Types.mayHoldBorrow(Ret);
    }
    return true;
  }

  const ParentMap &Parents;
  BorrowTypes &Types;
  unsigned Depth;
  bool Verdict = true;
};

/// Follows a pointer parameter's value outwards: it may be kept where it is
/// stored, bound or passed to something that keeps it; it is not where it
/// is only read through (memcpy's source) or compared.
class PointerValueWalker {
public:
  PointerValueWalker(const CXXConstructorDecl *Ctor, const ParentMap &Parents,
                     BorrowTypes &Types, unsigned Depth)
      : Ctor(Ctor), Parents(Parents), Types(Types), Depth(Depth) {}

  bool mayKeep(const Expr *E) {
    for (unsigned Steps = 0; Steps < 64; ++Steps) {
      const Stmt *P = Parents.getParentIgnoreParens(E);
      if (!P)
        return true; // A member initialiser's whole expression.
      if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P)) {
        switch (ICE->getCastKind()) {
        case CK_PointerToBoolean:
        case CK_PointerToIntegral:
        case CK_ToVoid:
          return false;
        default:
          E = ICE;
          continue;
        }
      }
      if (const auto *CE = dyn_cast<ExplicitCastExpr>(P)) {
        if (!CE->getType()->isPointerType())
          return false;
        E = CE;
        continue;
      }
      if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
        if (UO->getOpcode() == UO_Deref)
          return UseWalker(Parents, Types, Depth).mayKeep(UO);
        return UO->getOpcode() != UO_LNot;
      }
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P)) {
        if (AS->getBase()->IgnoreParens() == E)
          return UseWalker(Parents, Types, Depth).mayKeep(AS);
        return false;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
        if (BO->isComparisonOp() || BO->isLogicalOp())
          return false;
        bool ValueOfComma =
            BO->getOpcode() == BO_Comma && BO->getRHS()->IgnoreParens() == E;
        if (BO->getOpcode() == BO_Comma && !ValueOfComma)
          return false;
        if (ValueOfComma ||
            (BO->getType()->isPointerType() && !BO->isAssignmentOp())) {
          E = BO; // p + n still points into the same bytes.
          continue;
        }
        if (BO->isAdditiveOp() || BO->isMultiplicativeOp())
          return false; // last - first: a number.
        return true;    // Stored somewhere.
      }
      if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
        if (CO->getCond()->IgnoreParens() == E)
          return false;
        E = CO;
        continue;
      }
      if (const auto *Call = dyn_cast<CallExpr>(P)) {
        // A member function of the object being built may store it.
        const auto *MCE = dyn_cast<CXXMemberCallExpr>(Call);
        if (MCE && isa<CXXThisExpr>(
                       MCE->getImplicitObjectArgument()->IgnoreParenImpCasts()))
          return true;
        if (!passedOnThroughResult(Call, E))
          return false;
        E = Call;
        continue;
      }
      if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
        if (!Types.mayHoldBorrow(CE->getType()))
          return false;
        const CXXConstructorDecl *Ctor = CE->getConstructor();
        if (!compat::isInStlNamespace(Ctor->getParent()))
          for (unsigned I = 0; I < CE->getNumArgs(); ++I)
            if (CE->getArg(I)->IgnoreParens() == E)
              if (auto Keeps =
                      constructorKeepsPointer(Ctor, I, Types, Depth + 1))
                return *Keeps;
        return true;
      }
      if (isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr>(
              P)) {
        E = cast<Expr>(P);
        continue;
      }
      // A local cursor (`for (const char *q = p; ...)`): follow its uses.
      if (const auto *DS = dyn_cast<DeclStmt>(P); DS && DS->isSingleDecl())
        if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
            VD && VD->isLocalVarDecl() && !VD->isStaticLocal() &&
            VD->getType()->isPointerType() && Locals.insert(VD).second)
          return variableMayKeep(VD);
      // Expression statements, conditions: nothing kept.
      return isa<Expr, DeclStmt, ReturnStmt>(P);
    }
    return true;
  }

  /// Whether any use of \p VD (a parameter or a local cursor) may keep the
  /// pointer it holds. Stepping it (++q) or overwriting it keeps nothing.
  bool variableMayKeep(const VarDecl *VD) {
    std::optional<llvm::SmallVector<const DeclRefExpr *, 8>> Uses = usesOf(VD);
    if (!Uses)
      return true;
    for (const DeclRefExpr *Use : *Uses) {
      const Stmt *P = Parents.getParentIgnoreParens(Use);
      if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P);
          UO && UO->isIncrementDecrementOp())
        continue;
      if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
          BO && BO->isAssignmentOp() && BO->getLHS()->IgnoreParens() == Use)
        continue;
      const auto *Load = dyn_cast_or_null<ImplicitCastExpr>(P);
      if (!Load || Load->getCastKind() != CK_LValueToRValue || mayKeep(Load))
        return true;
    }
    return false;
  }

private:
  /// The uses of \p VD in the constructor, or none if a lambda captures it
  /// by reference (it may be kept through the closure).
  std::optional<llvm::SmallVector<const DeclRefExpr *, 8>>
  usesOf(const VarDecl *VD);

  /// Whether a call may keep the pointer \p Arg or hand it back: a by-value
  /// parameter that is not a pointer copies, a callee returning nothing that
  /// can hold a pointer only reads (memcpy returns its destination, not its
  /// source, but treat its result as the argument's to stay sound).
  bool passedOnThroughResult(const CallExpr *Call, const Expr *Arg) {
    if (Call->getCallee()->IgnoreParenImpCasts() == Arg)
      return false;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    for (unsigned I = 0; I < Callee->getNumParams(); ++I)
      if (compat::hasLifetimeCaptureBy(Callee->getParamDecl(I)))
        return true;
    QualType Ret = Callee->getReturnType();
    return Ret->isReferenceType() || Types.mayHoldBorrow(Ret);
  }

  const CXXConstructorDecl *Ctor;
  const ParentMap &Parents;
  BorrowTypes &Types;
  unsigned Depth;
  llvm::SmallPtrSet<const VarDecl *, 4> Locals;
};

class ParamUses : public RecursiveASTVisitor<ParamUses> {
public:
  explicit ParamUses(const VarDecl *Param) : Param(Param) {}
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (E->getDecl() == Param)
      Uses.push_back(E);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *LE) {
    for (const LambdaCapture &C : LE->captures())
      if (C.capturesVariable() && C.getCapturedVar() == Param &&
          C.getCaptureKind() == LCK_ByRef)
        CapturedByReference = true;
    return true;
  }
  const VarDecl *Param;
  llvm::SmallVector<const DeclRefExpr *, 8> Uses;
  bool CapturedByReference = false;
};

/// The uses of \p VD in \p Ctor's member initialisers and body.
ParamUses usesIn(const CXXConstructorDecl *Ctor, const VarDecl *VD) {
  ParamUses Finder(VD);
  for (const CXXCtorInitializer *Init : Ctor->inits())
    if (Init->getInit())
      Finder.TraverseStmt(Init->getInit());
  Finder.TraverseStmt(Ctor->getBody());
  return Finder;
}

std::optional<llvm::SmallVector<const DeclRefExpr *, 8>>
PointerValueWalker::usesOf(const VarDecl *VD) {
  ParamUses Finder = usesIn(Ctor, VD);
  if (Finder.CapturedByReference)
    return std::nullopt;
  return Finder.Uses;
}

/// A constructor whose definition is visible, ready to follow one of its
/// parameters: the definition, that parameter, and a parent map over the
/// body and the member initialisers.
struct VisibleConstructor {
  const CXXConstructorDecl *Def;
  const ParmVarDecl *Param;
  std::unique_ptr<ParentMap> Parents;
};

std::optional<VisibleConstructor>
visibleDefinition(const CXXConstructorDecl *Ctor, unsigned ParamIdx,
                  unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (!Ctor || Depth > 4 || !Ctor->hasBody(Def) || !Def ||
      Def->isInvalidDecl() || ParamIdx >= Def->getNumParams())
    return std::nullopt;
  const auto *DefCtor = cast<CXXConstructorDecl>(Def);
  auto Parents = std::make_unique<ParentMap>(DefCtor->getBody());
  for (const CXXCtorInitializer *Init : DefCtor->inits())
    if (Init->getInit())
      Parents->addStmt(Init->getInit());
  return VisibleConstructor{DefCtor, DefCtor->getParamDecl(ParamIdx),
                            std::move(Parents)};
}

} // namespace

std::optional<bool> constructorKeepsReference(const CXXConstructorDecl *Ctor,
                                              unsigned ParamIdx,
                                              BorrowTypes &Types,
                                              unsigned Depth) {
  auto Visible = visibleDefinition(Ctor, ParamIdx, Depth);
  if (!Visible)
    return std::nullopt;
  const ParmVarDecl *Param = Visible->Param;
  if (compat::hasLifetimeBound(Param) || compat::hasLifetimeCaptureBy(Param))
    return true;
  ParamUses Finder = usesIn(Visible->Def, Param);
  if (Finder.CapturedByReference)
    return true;
  UseWalker Walker(*Visible->Parents, Types, Depth);
  for (const DeclRefExpr *Use : Finder.Uses)
    if (Walker.mayKeep(Use))
      return true;
  return false;
}

std::optional<bool> constructorKeepsPointer(const CXXConstructorDecl *Ctor,
                                            unsigned ParamIdx,
                                            BorrowTypes &Types,
                                            unsigned Depth) {
  auto Visible = visibleDefinition(Ctor, ParamIdx, Depth);
  if (!Visible)
    return std::nullopt;
  const ParmVarDecl *Param = Visible->Param;
  if (!Param->getType()->isPointerType() || compat::hasLifetimeCaptureBy(Param))
    return std::nullopt;
  return PointerValueWalker(Visible->Def, *Visible->Parents, Types, Depth)
      .variableMayKeep(Param);
}

/// `p_ = o.p_;`: a statement that only assigns a member of the object.
static bool isMemberAssignment(const Stmt *S) {
  const Expr *LHS = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->getOpcode() == BO_Assign)
    LHS = BO->getLHS();
  else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(S);
           OCE && OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2)
    LHS = OCE->getArg(0);
  const auto *ME =
      LHS ? dyn_cast<MemberExpr>(LHS->IgnoreParenImpCasts()) : nullptr;
  return ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
}

std::optional<bool> copyConstructorKeepsPointers(const CXXConstructorDecl *Ctor,
                                                 BorrowTypes &Types) {
  if (!Ctor || !Ctor->isCopyOrMoveConstructor())
    return std::nullopt;
  auto Visible = visibleDefinition(Ctor, 0, 0);
  if (!Visible)
    return std::nullopt;
  // One that does more than copy members (counts a reference, registers the
  // copy) shares ownership of what it points to, as reference-counted
  // handles taken under a guard to outlive it do.
  if (const auto *Body =
          dyn_cast_or_null<CompoundStmt>(Visible->Def->getBody()))
    if (!llvm::all_of(Body->body(), isMemberAssignment))
      return false;
  const ParentMap &Parents = *Visible->Parents;
  ParamUses Finder = usesIn(Visible->Def, Visible->Param);
  if (Finder.CapturedByReference)
    return true;
  PointerValueWalker Walker(Visible->Def, Parents, Types, 0);
  for (const DeclRefExpr *Use : Finder.Uses) {
    // The member of the source this use reads: `o.p_`, `o.inner.p_`.
    const Expr *Part = Use;
    const Stmt *P = Parents.getParentIgnoreParens(Part);
    while (P) {
      const auto *ICE = dyn_cast<ImplicitCastExpr>(P);
      const auto *ME = dyn_cast<MemberExpr>(P);
      if (ICE && (ICE->getCastKind() == CK_NoOp ||
                  ICE->getCastKind() == CK_DerivedToBase ||
                  ICE->getCastKind() == CK_UncheckedDerivedToBase)) {
        Part = ICE;
      } else if (ME && !ME->isArrow() && isa<FieldDecl>(ME->getMemberDecl())) {
        Part = ME;
      } else {
        break;
      }
      P = Parents.getParentIgnoreParens(P);
    }
    // The whole source, handed on (`*this = o`): it may keep anything.
    if (!isa<MemberExpr>(Part)) {
      const auto *Addr = dyn_cast_or_null<UnaryOperator>(P);
      // `if (&o == this)`: a comparison keeps nothing.
      if (Addr && Addr->getOpcode() == UO_AddrOf)
        if (const auto *Cmp = dyn_cast_or_null<BinaryOperator>(
                Parents.getParentIgnoreParens(Addr));
            Cmp && Cmp->isComparisonOp())
          continue;
      return true;
    }
    // A member that holds no borrow (an int, a std::string) is copied.
    if (!Types.mayHoldBorrow(Part->getType()))
      continue;
    // A pointer member is loaded, a view or iterator member copied: where
    // that value goes decides (into a member: kept; dereferenced and copied:
    // not).
    const auto *Load = dyn_cast_or_null<ImplicitCastExpr>(P);
    const auto *Copy = dyn_cast_or_null<CXXConstructExpr>(P);
    if (Load && Load->getCastKind() == CK_LValueToRValue) {
      if (Walker.mayKeep(Load))
        return true;
    } else if (Copy && Copy->getConstructor()->isCopyOrMoveConstructor()) {
      if (Walker.mayKeep(Copy))
        return true;
    } else {
      return true;
    }
  }
  return false;
}

} // namespace rcubox::borrow
