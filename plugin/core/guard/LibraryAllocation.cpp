//===- LibraryAllocation.cpp - Guards created inside the library ----------===//

#include "core/guard/LibraryAllocation.h"
#include "core/Annotations.h"
#include "core/TypeArguments.h"
#include "core/guard/SourceContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace rcubox::guard {

static bool namesGuard(llvm::ArrayRef<QualType> Types) {
  return llvm::any_of(Types, [](QualType T) {
    if (T.isNull())
      return false;
    T = T.getNonReferenceType();
    while (T->isPointerType() || T->isArrayType())
      T = T->isPointerType() ? T->getPointeeType()
                             : QualType(T->getBaseElementTypeUnsafe(), 0);
    return holdsGuard(T) || !getOptionalGuardType(T).isNull();
  });
}

bool LibraryAllocations::mayCreateGuard(const FunctionDecl *Callee) {
  if (!Callee)
    return false;
  if (const TemplateArgumentList *Args =
          Callee->getTemplateSpecializationArgs()) {
    llvm::SmallVector<QualType, 4> Types;
    for (const TemplateArgument &A : Args->asArray()) {
      if (A.getKind() == TemplateArgument::Type)
        Types.push_back(A.getAsType());
      else if (A.getKind() == TemplateArgument::Pack)
        for (const TemplateArgument &P : A.pack_elements())
          if (P.getKind() == TemplateArgument::Type)
            Types.push_back(P.getAsType());
    }
    if (namesGuard(Types))
      return true;
  }
  for (const DeclContext *DC = Callee->getDeclContext(); DC;
       DC = DC->getParent())
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC))
      if (namesGuard(typeArguments(RD)))
        return true;
  return false;
}

namespace {
/// The first new-expression of a guard, or the calls to follow.
class BodyScan : public RecursiveASTVisitor<BodyScan> {
public:
  QualType Created;
  llvm::SmallVector<const FunctionDecl *, 8> Callees;

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitCXXNewExpr(CXXNewExpr *E) {
    QualType T = E->getAllocatedType();
    T = QualType(T->getBaseElementTypeUnsafe(), 0);
    if (holdsGuard(T)) {
      Created = T;
      return false;
    }
    return true;
  }
  bool VisitCallExpr(CallExpr *E) {
    if (const FunctionDecl *FD = E->getDirectCallee())
      Callees.push_back(FD);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    Callees.push_back(E->getConstructor());
    return true;
  }
};
} // namespace

QualType LibraryAllocations::createdGuard(const FunctionDecl *Callee) {
  return walk(Callee, 0);
}

QualType LibraryAllocations::walk(const FunctionDecl *FD, unsigned Depth) {
  // Library call chains to the new-expression are about ten deep
  // (make_shared: shared_ptr, __shared_count, _Sp_counted_ptr_inplace,
  // allocator_traits::construct, construct_at); the bound keeps a pathological
  // instantiation from costing more than that.
  if (!FD || Depth > 24)
    return QualType();
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def ||
      !inSystemHeader(Def->getLocation(),
                      Def->getASTContext().getSourceManager()))
    return QualType();
  auto [It, Inserted] = Memo.try_emplace(Def, QualType());
  if (!Inserted)
    return It->second; // Known, or being walked (recursion): no guard yet.
  BodyScan Scan;
  Scan.TraverseStmt(const_cast<Stmt *>(Def->getBody()));
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Scan.Created.isNull() && Init->getInit())
        Scan.TraverseStmt(Init->getInit());
  QualType Created = Scan.Created;
  for (const FunctionDecl *Next : Scan.Callees) {
    if (!Created.isNull())
      break;
    Created = walk(Next, Depth + 1);
  }
  Memo[Def] = Created;
  return Created;
}

} // namespace rcubox::guard
