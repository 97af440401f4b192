//===- BorrowFacts.cpp - Loans on RCU guards and what may hold them -------===//

#include "core/borrow/BorrowFacts.h"
#include "core/Annotations.h"
#include "core/Compat.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace rcubox::borrow {

const Expr *stripTransparent(const Expr *E, Strip What) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E)) {
      CastKind K = ICE->getCastKind();
      if (What == Strip::Everything || K == CK_NoOp || K == CK_DerivedToBase ||
          K == CK_UncheckedDerivedToBase) {
        E = ICE->getSubExpr();
        continue;
      }
      return E;
    }
    if (const auto *FE = dyn_cast<FullExpr>(E)) {
      E = FE->getSubExpr();
      continue;
    }
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MTE->getSubExpr();
      continue;
    }
    if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E);
        BTE && What == Strip::Everything) {
      E = BTE->getSubExpr();
      continue;
    }
    return E;
  }
}

GuardRef resolveGuard(const Expr *E) {
  GuardRef G;
  G.Spelling = E;
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = stripTransparent(E, Strip::ObjectIdentity);
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      G.K = GuardRef::Temporary;
      G.Temp = Bind;
      return G;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    if (!DRE)
      return G;
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || DRE->refersToEnclosingVariableOrCapture())
      return G;
    if (isa<ParmVarDecl>(VD)) {
      G.K = GuardRef::Parameter;
      G.Var = VD;
      return G;
    }
    if (!VD->hasLocalStorage())
      return G;
    if (!VD->getType()->isReferenceType()) {
      G.K = GuardRef::Local;
      G.Var = VD;
      return G;
    }
    // A reference: a lifetime-extended temporary lives as long as the
    // reference; otherwise follow it to the guard it names.
    const Expr *Init = VD->getInit();
    if (!Init)
      return G;
    if (const auto *MTE =
            dyn_cast<MaterializeTemporaryExpr>(Init->IgnoreParenImpCasts()))
      if (MTE->getExtendingDecl() == VD) {
        G.K = GuardRef::Local;
        G.Var = VD;
        return G;
      }
    E = Init;
  }
  return G;
}

static bool isStdRecordNamed(const CXXRecordDecl *RD,
                             std::initializer_list<StringRef> Names) {
  if (!RD || !RD->getIdentifier() || !compat::isInStlNamespace(RD))
    return false;
  StringRef Name = RD->getName();
  for (StringRef N : Names)
    if (Name == N)
      return true;
  return false;
}

static bool isIteratorName(StringRef Name) {
  return Name.ends_with("iterator") || Name.ends_with("_Iterator") ||
         Name.ends_with("_iter");
}

bool BorrowTypes::mayHoldBorrow(QualType T) {
  if (T.isNull())
    return false;
  T = T.getCanonicalType();
  if (T->isReferenceType() || T->isPointerType() || T->isBlockPointerType())
    return !T->getPointeeType()->isFunctionType();
  if (const auto *AT = dyn_cast<ArrayType>(T.getTypePtr()))
    return mayHoldBorrow(AT->getElementType());
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || isGuardType(T))
    return false;
  auto [It, Inserted] = Cache.try_emplace(T.getTypePtr(), false);
  if (!Inserted)
    return It->second; // Cycles and repeats: assume no until proven.
  auto Result = [&]() -> bool {
    if (RD->isLambda())
      return true;
    if (compat::isGslPointerType(T) || isIteratorName(RD->getName()))
      return true;
    if (isStdRecordNamed(RD,
                         {"function", "move_only_function", "copyable_function",
                          "function_ref", "packaged_task", "reference_wrapper",
                          "span", "basic_string_view"}))
      return true;
    if (isStdRecordNamed(RD, {"thread", "jthread", "basic_string"}))
      return false;
    // Library templates hold what their arguments hold.
    if (compat::isInStlNamespace(RD) || compat::isGslOwnerType(T)) {
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
        for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
          if (A.getKind() == TemplateArgument::Type &&
              mayHoldBorrow(A.getAsType()))
            return true;
      return false;
    }
    const CXXRecordDecl *Def = RD->getDefinition();
    if (!Def || Def->isInvalidDecl())
      return false;
    // A class that copies itself by hand owns what it points to.
    if (Def->hasUserDeclaredCopyConstructor())
      return false;
    for (const FieldDecl *F : Def->fields())
      if (mayHoldBorrow(F->getType()))
        return true;
    for (const CXXBaseSpecifier &B : Def->bases())
      if (mayHoldBorrow(B.getType()))
        return true;
    return false;
  }();
  Cache[T.getTypePtr()] = Result;
  return Result;
}

bool isPointerLike(QualType T) {
  if (T.isNull())
    return false;
  if (T->isReferenceType() || T->isPointerType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return false;
  return compat::isGslPointerType(T) || isIteratorName(RD->getName()) ||
         isStdRecordNamed(RD,
                          {"span", "basic_string_view", "reference_wrapper"});
}

StringRef describeBorrow(QualType T) {
  if (T.isNull())
    return "pointer";
  if (T->isReferenceType())
    return "reference";
  if (T->isPointerType())
    return "pointer";
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl()) {
    if (RD->isLambda() ||
        isStdRecordNamed(RD,
                         {"function", "move_only_function", "copyable_function",
                          "function_ref", "packaged_task"}))
      return "lambda";
    if (RD->getIdentifier() && isIteratorName(RD->getName()))
      return "iterator";
    if (compat::isGslPointerType(T) ||
        isStdRecordNamed(RD, {"span", "basic_string_view"}))
      return "view";
  }
  return "pointer";
}

bool isThreadSpawningType(QualType T) {
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  return isStdRecordNamed(RD, {"thread", "jthread"});
}

bool isThreadSpawningFunction(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier() || !compat::isInStlNamespace(FD))
    return false;
  return FD->getName() == "async";
}

bool isContainerInsertion(const CXXMethodDecl *MD) {
  if (!MD || !MD->getIdentifier())
    return false;
  static constexpr llvm::StringLiteral Inserters[] = {
      "push_back",     "emplace_back", "push_front",
      "emplace_front", "push",         "emplace",
      "emplace_hint",  "insert",       "insert_or_assign",
      "try_emplace",   "assign",       "insert_after",
      "emplace_after", "append",       "push_range",
      "insert_range"};
  return llvm::is_contained(Inserters, MD->getName());
}

} // namespace rcubox::borrow
