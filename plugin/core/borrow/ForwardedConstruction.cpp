//===- ForwardedConstruction.cpp - Guards forwarded into a view -----------===//

#include "core/borrow/ForwardedConstruction.h"
#include "core/Annotations.h"
#include "core/Compat.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace rcubox::borrow {

bool isStandardLibraryDecl(const Decl *D) {
  // A member of a library class (optional::emplace, a constructor) lives
  // in the class; the class, or the class around it, in the namespace.
  while (D && isa<CXXRecordDecl>(D->getDeclContext()))
    D = cast<CXXRecordDecl>(D->getDeclContext());
  return D && compat::isInStlNamespace(D);
}

namespace {

/// The library's layers between make_unique and the constructor are few
/// (make_shared goes deepest, through the allocator's construct).
constexpr unsigned MaxLayers = 12;

/// The parameter \p Arg passes on unchanged: `std::forward<A>(a)`,
/// `std::move(a)`, `static_cast<A &&>(a)`, or `a` itself.
const ParmVarDecl *forwardedParam(const Expr *Arg) {
  for (unsigned Depth = 0; Arg && Depth < 8; ++Depth) {
    Arg = Arg->IgnoreParenImpCasts();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Arg)) {
      Arg = MTE->getSubExpr();
      continue;
    }
    if (const auto *Cast = dyn_cast<CXXStaticCastExpr>(Arg)) {
      Arg = Cast->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Arg)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (!FD || Call->getNumArgs() != 1 || !FD->getIdentifier() ||
          !isStandardLibraryDecl(FD) ||
          (FD->getName() != "forward" && FD->getName() != "move"))
        return nullptr;
      Arg = Call->getArg(0);
      continue;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(Arg);
    return DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  }
  return nullptr;
}

class ForwardingSearch {
public:
  bool reaches(const FunctionDecl *FD, const ParmVarDecl *P, unsigned Layer) {
    const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
    if (!Def || Layer > MaxLayers || !Visited.insert(P).second)
      return false;
    // The definition's own parameter, at the same position.
    unsigned Idx = P->getFunctionScopeIndex();
    if (Idx >= Def->getNumParams())
      return false;
    const ParmVarDecl *Own = Def->getParamDecl(Idx);
    // `using Base::Base;`: the inherited constructor gets the arguments.
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def);
        Ctor && Ctor->isInheritingConstructor()) {
      const CXXConstructorDecl *Target =
          Ctor->getInheritedConstructor().getConstructor();
      return Target && Idx < Target->getNumParams() &&
             (isBorrowingGuardParam(Target->getParamDecl(Idx)) ||
              reaches(Target, Target->getParamDecl(Idx), Layer + 1));
    }
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getInit() && search(Init->getInit(), Own, Layer))
          return true;
    return search(Def->getBody(), Own, Layer);
  }

private:
  /// True if \p S passes \p P into a borrowing constructor parameter.
  bool search(const Stmt *S, const ParmVarDecl *P, unsigned Layer) {
    if (!S || isa<LambdaExpr>(S))
      return false;
    if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
      const CXXConstructorDecl *Ctor = CE->getConstructor();
      for (unsigned I = 0; Ctor && I < CE->getNumArgs(); ++I) {
        if (forwardedParam(CE->getArg(I)) != P || I >= Ctor->getNumParams())
          continue;
        const ParmVarDecl *To = Ctor->getParamDecl(I);
        if (isBorrowingGuardParam(To) ||
            (isStandardLibraryDecl(Ctor) && reaches(Ctor, To, Layer + 1)))
          return true;
      }
    } else if (const auto *Call = dyn_cast<CallExpr>(S);
               Call && !isa<CXXOperatorCallExpr>(Call)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && isStandardLibraryDecl(Callee))
        for (unsigned I = 0; I < Call->getNumArgs(); ++I)
          if (I < Callee->getNumParams() &&
              forwardedParam(Call->getArg(I)) == P &&
              reaches(Callee, Callee->getParamDecl(I), Layer + 1))
            return true;
    }
    for (const Stmt *Child : S->children())
      if (search(Child, P, Layer))
        return true;
    return false;
  }

  llvm::SmallPtrSet<const ParmVarDecl *, 8> Visited;
};

} // namespace

bool forwardsGuardIntoView(const FunctionDecl *Callee, const ParmVarDecl *P) {
  if (!Callee || !P || !isStandardLibraryDecl(Callee) ||
      !isGuardType(P->getType()))
    return false;
  return ForwardingSearch().reaches(Callee, P, 0);
}

} // namespace rcubox::borrow
