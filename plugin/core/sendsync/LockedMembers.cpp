//===- LockedMembers.cpp - members locked by their own class ------------===//

#include "core/sendsync/LockedMembers.h"
#include "core/sendsync/LibraryTraits.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace rcubox::sendsync {
namespace {

bool isMutexField(const ValueDecl *D, const CXXRecordDecl *Owner) {
  const auto *F = dyn_cast_or_null<FieldDecl>(D);
  if (!F || F->getParent()->getCanonicalDecl() != Owner->getCanonicalDecl())
    return false;
  return isMutexType(F->getType()->getAsCXXRecordDecl());
}

/// True if \p S names a mutex member of \p Owner (`mu_`, `this->mu_`).
bool mentionsOwnMutex(const Stmt *S, const CXXRecordDecl *Owner) {
  if (!S)
    return false;
  if (const auto *ME = dyn_cast<MemberExpr>(S))
    if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) &&
        isMutexField(ME->getMemberDecl(), Owner))
      return true;
  for (const Stmt *Child : S->children())
    if (mentionsOwnMutex(Child, Owner))
      return true;
  return false;
}

/// True if \p S declares a scoped lock on a mutex member of \p Owner.
bool locksOwnMutex(const Stmt *S, const CXXRecordDecl *Owner) {
  const auto *DS = dyn_cast<DeclStmt>(S);
  if (!DS)
    return false;
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (VD && isScopedLockType(VD->getType()->getAsCXXRecordDecl()) &&
        mentionsOwnMutex(VD->getInit(), Owner))
      return true;
  }
  return false;
}

/// Walks a member function's body, counting the scoped locks held at each
/// use of the field.
class UseScan {
public:
  UseScan(const FieldDecl *F, const CXXRecordDecl *Owner)
      : Field(F), Owner(Owner) {}

  void scan(const Stmt *S) {
    if (!S || Unlocked)
      return;
    if (const auto *ME = dyn_cast<MemberExpr>(S);
        ME && ME->getMemberDecl() == Field) {
      Used = true;
      Unlocked |= Held == 0;
    }
    // A lambda's body may run after the enclosing lock is released.
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      unsigned Saved = std::exchange(Held, 0);
      scan(L->getBody());
      Held = Saved;
      return;
    }
    if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
      unsigned Saved = Held;
      for (const Stmt *Child : CS->body()) {
        scan(Child);
        if (locksOwnMutex(Child, Owner))
          ++Held;
      }
      Held = Saved;
      return;
    }
    for (const Stmt *Child : S->children())
      scan(Child);
  }

  bool Used = false;
  bool Unlocked = false;

private:
  const FieldDecl *Field;
  const CXXRecordDecl *Owner;
  unsigned Held = 0;
};

} // namespace

bool isLockedByOwnMutex(const FieldDecl *F) {
  if (!F)
    return false;
  if (F->hasAttr<GuardedByAttr>() || F->hasAttr<PtGuardedByAttr>())
    return true;
  const auto *Owner = dyn_cast<CXXRecordDecl>(F->getParent());
  if (!Owner || !Owner->hasDefinition())
    return false;
  Owner = Owner->getDefinition();
  if (llvm::none_of(Owner->fields(),
                    [&](const FieldDecl *M) { return isMutexField(M, Owner); }))
    return false;
  UseScan Scan(F, Owner);
  for (const CXXMethodDecl *M : Owner->methods()) {
    if (isa<CXXConstructorDecl, CXXDestructorDecl>(M))
      continue;
    Scan.scan(M->getBody());
    if (Scan.Unlocked)
      return false;
  }
  return Scan.Used;
}

} // namespace rcubox::sendsync
