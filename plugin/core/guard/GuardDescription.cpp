//===- GuardDescription.cpp - How rcu-guard-misuse names guards -----------===//

#include "core/guard/GuardDescription.h"
#include "core/guard/SourceContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace rcubox::guard {

std::string typeName(QualType T, const ASTContext &Ctx) {
  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  Policy.SuppressTagKeyword = true;
  Policy.SuppressScope = false;
  return T.getNonReferenceType().getUnqualifiedType().getAsString(Policy);
}

std::string describeObject(const NamedDecl *D, const GuardHolding &H) {
  std::string Name = "'" + D->getNameAsString() + "'";
  return H.isWrapper() ? Name + ", which holds a guard," : "guard " + Name;
}

std::string describeType(QualType T, const GuardHolding &H,
                         const ASTContext &Ctx) {
  std::string Type = "'" + typeName(T, Ctx) + "'";
  return H.isWrapper() ? "an object of type " + Type + ", which holds a guard,"
                       : "a guard of type " + Type;
}

void addHoldingNotes(Finding &F, const GuardHolding &H, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (const GuardHolding::Step &S : H.Chain) {
    std::string Holder = "'" + S.Holder->getQualifiedNameAsString() + "'";
    if (S.Member) {
      if (!inSystemHeader(S.Member->getLocation(), SM))
        F.Notes.push_back({S.Member->getLocation(),
                           Holder + " holds a guard in member '" +
                               S.Member->getNameAsString() + "'",
                           S.Member->getSourceRange()});
    } else if (S.Base && !inSystemHeader(S.Base->getBeginLoc(), SM)) {
      F.Notes.push_back({S.Base->getBeginLoc(),
                         Holder + " is a guard through its base '" +
                             typeName(S.Base->getType(), Ctx) + "'",
                         S.Base->getSourceRange()});
    }
  }
}

void addGuardTypeNote(Finding &F, const GuardHolding &H,
                      const ASTContext &Ctx) {
  const AnnotateAttr *Marker = findRcuAnnotation(H.Guard, marker::Guard);
  if (!Marker || inSystemHeader(Marker->getLocation(), Ctx.getSourceManager()))
    return;
  F.Notes.push_back({Marker->getLocation(),
                     "'" + H.Guard->getQualifiedNameAsString() +
                         "' is marked as a read-side guard type here"});
}

} // namespace rcubox::guard
