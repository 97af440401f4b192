//===- CallableTargets.cpp - Which function a call through a local runs ---===//

#include "core/CallableTargets.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace rcubox {
namespace {

bool isInStd(const Decl *D) {
  const DeclContext *DC = D->getDeclContext();
  while (DC && !DC->isFileContext())
    DC = DC->getParent();
  // std, or a namespace inside it (std::ranges, std::__cxx11).
  for (; DC && isa<NamespaceDecl>(DC); DC = DC->getParent())
    if (cast<NamespaceDecl>(DC)->isStdNamespace())
      return true;
  return false;
}

/// std::function, std::move_only_function, std::copyable_function and
/// std::function_ref: wrappers whose call operator runs what they were
/// built from.
bool isTypeErasedCallable(const CXXRecordDecl *RD) {
  if (!RD || !RD->getIdentifier() || !isInStd(RD))
    return false;
  static constexpr llvm::StringLiteral Names[] = {
      "function", "move_only_function", "copyable_function", "function_ref"};
  return llvm::is_contained(Names, RD->getName());
}

/// Library functions that call their callable arguments before returning.
bool invokesArgumentsSynchronously(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier() || !isInStd(FD))
    return false;
  static constexpr llvm::StringLiteral Names[] = {
      "invoke",     "invoke_r",   "apply",      "call_once", "for_each",
      "for_each_n", "generate",   "generate_n", "transform", "count_if",
      "find_if",    "all_of",     "any_of",     "none_of",   "remove_if",
      "sort",       "accumulate", "reduce"};
  return llvm::is_contained(Names, FD->getName());
}

const Expr *stripConversions(const Expr *E) {
  for (unsigned I = 0; E && I < 16; ++I) {
    E = E->IgnoreParenImpCasts();
    if (const auto *FE = dyn_cast<FullExpr>(E))
      E = FE->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BTE->getSubExpr();
    else if (const auto *FCE = dyn_cast<CXXFunctionalCastExpr>(E))
      E = FCE->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
             CE && CE->getNumArgs() == 1 &&
             (CE->getConstructor()->isCopyOrMoveConstructor() ||
              isTypeErasedCallable(CE->getConstructor()->getParent())))
      E = CE->getArg(0); // The wrapper or copy holds what it is built from.
    else if (const auto *UO = dyn_cast<UnaryOperator>(E);
             UO &&
             (UO->getOpcode() == UO_AddrOf ||
              (UO->getOpcode() == UO_Deref && UO->getType()->isFunctionType())))
      E = UO->getSubExpr(); // &f, or *p calling through a pointer.
    else if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E);
             MCE && isa_and_nonnull<CXXConversionDecl>(MCE->getMethodDecl()) &&
             MCE->getRecordDecl() && MCE->getRecordDecl()->isLambda())
      E = MCE->getImplicitObjectArgument(); // A lambda as function pointer.
    else
      return E;
  }
  return E;
}

/// True if \p VD, a local, may change between its initialisation and a use.
bool mayBeModified(const VarDecl *VD) {
  if (VD->getType().isConstQualified())
    return false;
  const auto *Fn =
      dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
  const Stmt *Body = Fn ? Fn->getBody() : nullptr;
  if (!Body)
    return true;
  ExprMutationAnalyzer Analyzer(*Body, VD->getASTContext());
  return Analyzer.isMutated(VD);
}

const FunctionDecl *calledFunction(const Expr *E, unsigned Depth) {
  E = stripConversions(E);
  if (!E || Depth > 4)
    return nullptr;
  if (const auto *LE = dyn_cast<LambdaExpr>(E))
    return LE->getCallOperator();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  if (!DRE)
    return nullptr;
  if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
    return FD;
  const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
  if (!VD || !VD->isLocalVarDecl() || VD->getType()->isReferenceType() ||
      VD->getType().isVolatileQualified() || !VD->getInit())
    return nullptr;
  QualType T = VD->getType();
  bool Callable =
      T->isFunctionPointerType() || T->isMemberFunctionPointerType() ||
      isTypeErasedCallable(T->getAsCXXRecordDecl()) ||
      (T->getAsCXXRecordDecl() && T->getAsCXXRecordDecl()->isLambda());
  if (!Callable || mayBeModified(VD))
    return nullptr;
  return calledFunction(VD->getInit(), Depth + 1);
}

} // namespace

const FunctionDecl *calledFunction(const Expr *E) {
  return calledFunction(E, 0);
}

const FunctionDecl *indirectCallee(const CallExpr *CE) {
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE)) {
    if (OCE->getOperator() != OO_Call || OCE->getNumArgs() == 0)
      return nullptr;
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(OCE->getDirectCallee());
    if (!MD || !isTypeErasedCallable(MD->getParent()))
      return nullptr;
    return calledFunction(OCE->getArg(0));
  }
  if (CE->getDirectCallee())
    return nullptr;
  // (obj.*pm)() and (p->*pm)(): what the member pointer holds.
  if (const auto *BO =
          dyn_cast<BinaryOperator>(CE->getCallee()->IgnoreParenImpCasts());
      BO && BO->isPtrMemOp())
    return calledFunction(BO->getRHS());
  return calledFunction(CE->getCallee());
}

llvm::SmallVector<const FunctionDecl *, 1>
synchronouslyInvoked(const CallExpr *CE) {
  llvm::SmallVector<const FunctionDecl *, 1> Out;
  if (!invokesArgumentsSynchronously(CE->getDirectCallee()))
    return Out;
  for (const Expr *Arg : CE->arguments()) {
    // A lambda object's call is followed through the instantiation itself.
    const auto *RD =
        Arg->IgnoreParenImpCasts()->getType()->getAsCXXRecordDecl();
    if (RD && RD->isLambda())
      continue;
    if (const FunctionDecl *FD = calledFunction(Arg))
      Out.push_back(FD);
  }
  return Out;
}

} // namespace rcubox
