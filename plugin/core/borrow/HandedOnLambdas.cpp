//===- HandedOnLambdas.cpp - Lambdas handed on to run later ---------------===//
//
// A lambda handed to something that keeps it (an executor's post(), a
// queue, a thread, a std::function) runs whenever that something decides:
// what its body stores into the object it captured (`this`, or a
// `shared_from_this()` handle) escapes whenever it runs, so it is reported
// where the lambda is handed on, as if it were called there.
//
//===----------------------------------------------------------------------===//

#include "core/Compat.h"
#include "core/borrow/FunctionAnalysis.h"

namespace rcubox::borrow::internal {

/// std::function and its kin, which wrap a callable.
static bool isCallableWrapper(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && !RD->isLambda() && describeBorrow(T) == "lambda";
}

static bool isClosure(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isLambda();
}

/// The lambda expression \p Arg hands on: the lambda itself, a callable
/// wrapper built from it, or a local closure variable initialised with it
/// (moved or not).
static const LambdaExpr *lambdaBehind(const Expr *Arg) {
  for (unsigned Depth = 0; Arg && Depth < 8; ++Depth) {
    const Expr *E = stripTransparent(Arg, Strip::Everything);
    if (const auto *LE = dyn_cast<LambdaExpr>(E))
      return LE;
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
      Arg = Cast->getSubExpr();
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      if (CE->getNumArgs() != 1 ||
          (!isCallableWrapper(CE->getType()) && !isClosure(CE->getType())))
        return nullptr;
      Arg = CE->getArg(0);
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (!FD || Call->getNumArgs() != 1 || !FD->getIdentifier() ||
          !compat::isInStlNamespace(FD) ||
          (FD->getName() != "move" && FD->getName() != "forward"))
        return nullptr;
      Arg = Call->getArg(0);
      continue;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) ||
        !isClosure(VD->getType()))
      return nullptr;
    Arg = VD->getInit();
  }
  return nullptr;
}

bool namesEnclosingObject(const VarDecl *VD) {
  const Expr *Init = VD ? VD->getInit() : nullptr;
  for (unsigned Depth = 0; Init && Depth < 4; ++Depth) {
    const Expr *E = stripTransparent(Init, Strip::Everything);
    if (isa<CXXThisExpr>(E))
      return true;
    const auto *MCE = dyn_cast<CXXMemberCallExpr>(E);
    const CXXMethodDecl *MD = MCE ? MCE->getMethodDecl() : nullptr;
    if (!MD || !MD->getIdentifier())
      return false;
    StringRef Name = MD->getName();
    if (Name == "shared_from_this" || Name == "weak_from_this")
      return isa<CXXThisExpr>(
          MCE->getImplicitObjectArgument()->IgnoreParenImpCasts());
    if (Name != "lock") // weak_from_this().lock()
      return false;
    Init = MCE->getImplicitObjectArgument();
  }
  return false;
}

void FunctionAnalysis::checkHandedOnLambdas(const Expr *At,
                                            llvm::ArrayRef<const Expr *> Args,
                                            HolderState &State) {
  for (const Expr *Arg : Args) {
    const LambdaExpr *LE = Arg ? lambdaBehind(Arg) : nullptr;
    // A generic lambda's body is a template until it is called.
    if (!LE || LE->isGenericLambda() || LE->capture_size() == 0)
      continue;
    CallParts Parts;
    Parts.Callee = LE->getCallOperator();
    applySummaryStores(At, Parts, State);
  }
}

void FunctionAnalysis::checkHandedOnLambdas(const Expr *At,
                                            const CallParts &Parts,
                                            HolderState &State) {
  // A wrapper made from a lambda (std::function<void()> f = [..] {...}) is
  // judged where the wrapper goes: a call's argument, or a local.
  if (isa<CXXConstructExpr>(At) && isCallableWrapper(At->getType()))
    return;
  // The lambda's own call operator runs it here: the call is judged as a
  // call, by its summary. std::move(handler) only passes it on.
  if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Parts.Callee);
      MD && MD->getParent()->isLambda())
    return;
  if (const FunctionDecl *FD = Parts.Callee;
      FD && FD->getIdentifier() && compat::isInStlNamespace(FD) &&
      (FD->getName() == "move" || FD->getName() == "forward"))
    return;
  checkHandedOnLambdas(At, Parts.Args, State);
}

} // namespace rcubox::borrow::internal
