//===- Annotations.cpp - Reading rcubox's annotate() markers --------------===//

#include "core/Annotations.h"
#include "core/Compat.h"
#include "core/model/RcuApi.h"
#include "core/model/UserModel.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace rcubox {

static constexpr llvm::StringLiteral Prefix = "rcu::";

static const AnnotateAttr *findOnDecl(const Decl *D, StringRef Marker) {
  for (const auto *A : D->specific_attrs<AnnotateAttr>()) {
    StringRef Text = A->getAnnotation();
    if (Text.consume_front(Prefix) && Text == Marker)
      return A;
  }
  return nullptr;
}

/// The declaration whose attributes a specialization inherits.
static const Decl *getPattern(const Decl *D) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
    if (const ClassTemplateDecl *T = Spec->getSpecializedTemplate())
      return T->getTemplatedDecl();
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    if (const CXXRecordDecl *From = RD->getInstantiatedFromMemberClass())
      return From;
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    if (const FunctionDecl *From = FD->getTemplateInstantiationPattern())
      return From;
  return nullptr;
}

const AnnotateAttr *findRcuAnnotation(const Decl *D, StringRef Marker) {
  if (!D)
    return nullptr;
  for (const Decl *Redecl : D->redecls())
    if (const AnnotateAttr *A = findOnDecl(Redecl, Marker))
      return A;
  if (const Decl *Pattern = getPattern(D))
    if (Pattern != D)
      for (const Decl *Redecl : Pattern->redecls())
        if (const AnnotateAttr *A = findOnDecl(Redecl, Marker))
          return A;
  return nullptr;
}

/// True if the configuration declares \p D as what \p Marker marks.
static bool isConfiguredAs(const Decl *D, StringRef Marker) {
  const model::UserModel *User = model::userModelFor(D->getASTContext());
  if (!User)
    return false;
  if (Marker == marker::Guard) {
    const auto *RD = dyn_cast<CXXRecordDecl>(D);
    if (!RD)
      return false;
    // A specialization of a configured class template is a guard too.
    const Decl *Pattern = getPattern(RD);
    return User->isGuardType(RD) ||
           (Pattern && User->isGuardType(cast<NamedDecl>(Pattern)));
  }
  if (Marker == marker::WaitsForGracePeriod)
    return model::waitsForGracePeriod(
        model::classifyFunction(dyn_cast<FunctionDecl>(D)));
  return false;
}

bool hasRcuAnnotation(const Decl *D, StringRef Marker) {
  return D && (findRcuAnnotation(D, Marker) || isConfiguredAs(D, Marker));
}

const CXXRecordDecl *getGuardRecord(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return nullptr;
  if (hasRcuAnnotation(RD, marker::Guard))
    return RD;
  RD = RD->getDefinition();
  if (!RD || RD->isInvalidDecl())
    return nullptr;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const CXXRecordDecl *G = getGuardRecord(Base.getType()))
      return G;
  return nullptr;
}

/// The classes getGuardHolding does not look into.
static bool isOpaqueHolder(const CXXRecordDecl *RD) {
  return RD->isUnion() || RD->isLambda() || RD->isInStdNamespace();
}

static bool findGuardHolding(const CXXRecordDecl *RD, GuardHolding &Out,
                             unsigned Depth) {
  // Classes cannot contain themselves; the bound only protects against
  // pathological nesting.
  if (!RD || Depth > 32)
    return false;
  if (hasRcuAnnotation(RD, marker::Guard)) {
    Out.Guard = RD;
    return true;
  }
  RD = RD->getDefinition();
  if (!RD || RD->isInvalidDecl() || isOpaqueHolder(RD))
    return false;
  for (const CXXBaseSpecifier &Base : RD->bases()) {
    Out.Chain.push_back({RD, nullptr, &Base});
    if (findGuardHolding(Base.getType()->getAsCXXRecordDecl(), Out, Depth + 1))
      return true;
    Out.Chain.pop_back();
  }
  for (const FieldDecl *Field : RD->fields()) {
    QualType T = Field->getType();
    if (T->isReferenceType() || T->isDependentType())
      continue;
    const Type *Element = T->getBaseElementTypeUnsafe();
    Out.Chain.push_back({RD, Field, nullptr});
    if (findGuardHolding(Element->getAsCXXRecordDecl(), Out, Depth + 1))
      return true;
    Out.Chain.pop_back();
  }
  return false;
}

std::optional<GuardHolding> getGuardHolding(QualType T) {
  if (T.isNull() || T->isDependentType())
    return std::nullopt;
  T = T.getNonReferenceType();
  GuardHolding Holding;
  if (findGuardHolding(T->getAsCXXRecordDecl(), Holding, 0))
    return Holding;
  return std::nullopt;
}

QualType getOptionalGuardType(QualType T) {
  if (T.isNull() || T->isDependentType())
    return QualType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace() || Spec->getName() != "optional" ||
      Spec->getTemplateArgs().size() != 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  QualType Held = Spec->getTemplateArgs()[0].getAsType();
  return holdsGuard(Held) ? Held : QualType();
}

namespace {
class MentionsGuard : public RecursiveASTVisitor<MentionsGuard> {
public:
  bool Found = false;
  bool HasErrors = false;
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitExpr(Expr *E) {
    if (E->containsErrors()) {
      HasErrors = true;
      return false;
    }
    if (!Found && !E->isTypeDependent() && isGuardOrHolder(E->getType()))
      Found = true;
    return true;
  }
  bool VisitParmVarDecl(ParmVarDecl *P) {
    if (!Found && isGuardOrHolder(P->getType()))
      Found = true;
    return true;
  }

private:
  // A user's read-section wrapper holding a guard begins a section too.
  // Memoised per class: a function names the same few classes many times.
  bool isGuardOrHolder(QualType T) {
    // Some expressions have no type (a static_assert's message).
    if (T.isNull())
      return false;
    const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
    if (!RD)
      return false;
    auto [It, New] = Holders.try_emplace(RD, false);
    if (New)
      It->second = holdsGuard(T);
    return It->second;
  }
  llvm::DenseMap<const CXXRecordDecl *, bool> Holders;
};
} // namespace

bool mentionsGuard(const FunctionDecl *FD) {
  if (!FD)
    return false;
  MentionsGuard Filter;
  for (ParmVarDecl *P : FD->parameters())
    Filter.VisitParmVarDecl(P);
  if (FD->getBody())
    Filter.TraverseStmt(FD->getBody());
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (!Filter.HasErrors && Init->getInit())
        Filter.TraverseStmt(Init->getInit());
  return Filter.Found && !Filter.HasErrors;
}

/// The parameter at \p P's position in \p Overridden, or null.
static const ParmVarDecl *sameParamOf(const ParmVarDecl *P,
                                      const CXXMethodDecl *Overridden) {
  unsigned Idx = P->getFunctionScopeIndex();
  return Idx < Overridden->getNumParams() ? Overridden->getParamDecl(Idx)
                                          : nullptr;
}

static bool isBorrowingGuardParam(const ParmVarDecl *P, unsigned Depth) {
  if (!P || !isGuardType(P->getType()) || Depth > 16)
    return false;
  if (compat::hasLifetimeBound(P) || hasRcuAnnotation(P, marker::Borrow))
    return true;
  // An override keeps the contract of the function it overrides: callers
  // through the base see RCU_BORROW, and so must callers of the override.
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(
      dyn_cast_or_null<FunctionDecl>(P->getDeclContext()));
  if (!MD)
    return false;
  for (const CXXMethodDecl *Overridden : MD->overridden_methods())
    if (isBorrowingGuardParam(sameParamOf(P, Overridden), Depth + 1))
      return true;
  return false;
}

bool isBorrowingGuardParam(const ParmVarDecl *P) {
  return isBorrowingGuardParam(P, 0);
}

bool waitsForGracePeriod(const FunctionDecl *FD) {
  // liburcu's synchronize_rcu and barriers wait without being marked.
  return hasRcuAnnotation(FD, marker::WaitsForGracePeriod) ||
         model::waitsForGracePeriod(model::classifyFunction(FD));
}

bool waitsForDeferredDestruction(const FunctionDecl *FD) {
  return hasRcuAnnotation(FD, marker::WaitsForDeferredDestruction);
}

static std::optional<TemplateRequirement>
parseRequirement(const AnnotateAttr *A) {
  StringRef Text = A->getAnnotation();
  if (!Text.consume_front(Prefix))
    return std::nullopt;
  bool NeedsSync;
  if (Text.consume_front(marker::RequiresSendSync))
    NeedsSync = true;
  else if (Text.consume_front(marker::RequiresSend))
    NeedsSync = false;
  else
    return std::nullopt;
  unsigned Index;
  if (!Text.consume_front(":") || Text.trim().getAsInteger(10, Index))
    return std::nullopt;
  return TemplateRequirement{Index, NeedsSync, A};
}

llvm::SmallVector<TemplateRequirement, 1>
getTemplateRequirements(const CXXRecordDecl *RD) {
  llvm::SmallVector<TemplateRequirement, 1> Result;
  if (!RD)
    return Result;
  const Decl *Source = RD;
  if (const Decl *Pattern = getPattern(RD))
    Source = Pattern;
  for (const Decl *Redecl : Source->redecls())
    for (const auto *A : Redecl->specific_attrs<AnnotateAttr>())
      if (auto Req = parseRequirement(A))
        Result.push_back(*Req);
  return Result;
}

} // namespace rcubox
