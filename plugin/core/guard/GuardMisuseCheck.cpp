//===- GuardMisuseCheck.cpp - rcu-guard-misuse ----------------------------===//
//
// Each rule is local to one declaration or expression: where a guard object
// lives (variables, members, new-expressions, library calls that create
// one), guard temporaries discarded as statements (DiscardedGuard.cpp),
// guards handed to other threads (ThreadSharing.cpp), and copies and moves of
// guard types that allow them. A class holding a guard counts as a guard
// (Annotations.h, getGuardHolding).
//
//===----------------------------------------------------------------------===//

#include "core/guard/GuardMisuseCheck.h"
#include "core/Annotations.h"
#include "core/Compat.h"
#include "core/guard/DiscardedGuard.h"
#include "core/guard/GuardDescription.h"
#include "core/guard/SourceContext.h"
#include "core/guard/ThreadSharing.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/Hashing.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace rcubox {
namespace {

constexpr llvm::StringLiteral StaticWhy =
    ": its read-side critical section would last until the program exits, "
    "and no grace period could end before";
constexpr llvm::StringLiteral ThreadWhy =
    ": its read-side critical section would last until the thread exits, and "
    "no grace period could end before";
constexpr llvm::StringLiteral HeapWhy =
    ": its read-side critical section ends wherever it is destroyed, on "
    "whichever thread destroys it";
constexpr llvm::StringLiteral OptionalWhy =
    ": its read-side critical section begins and ends where no scope shows "
    "it; use a local guard in a block instead";
constexpr llvm::StringLiteral CopyWhy =
    "; a read-side critical section belongs to the one guard object that "
    "began it";

/// std::array<T, N> and T[N] hold their elements: T, and whether it was one.
QualType elementType(QualType T, bool &IsArray) {
  IsArray = false;
  if (T->isArrayType()) {
    IsArray = true;
    return QualType(T->getBaseElementTypeUnsafe(), 0);
  }
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl());
      Spec && Spec->isInStdNamespace() && Spec->getName() == "array" &&
      Spec->getTemplateArgs().size() >= 1 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type) {
    IsArray = true;
    return Spec->getTemplateArgs()[0].getAsType();
  }
  return T;
}

/// The declared object (a non-reference variable or member) \p E names.
const ValueDecl *namedObject(const Expr *E) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  const ValueDecl *D = nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    D = Ref->getDecl();
  else if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
    D = ME->getMemberDecl();
  return D && (isa<VarDecl>(D) || isa<FieldDecl>(D)) &&
                 !D->getType()->isReferenceType() &&
                 !D->getType()->isPointerType()
             ? D
             : nullptr;
}

std::string calleeName(const FunctionDecl *FD, const ASTContext &Ctx) {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    if (isa<CXXConstructorDecl>(MD))
      return guard::typeName(compat::getCanonicalTagType(Ctx, MD->getParent()),
                             Ctx);
    return guard::typeName(compat::getCanonicalTagType(Ctx, MD->getParent()),
                           Ctx) +
           "::" + MD->getNameAsString();
  }
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  FD->getNameForDiagnostic(OS, Ctx.getPrintingPolicy(), /*Qualified=*/true);
  return Name;
}

} // namespace

void GuardMisuseCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(varDecl(unless(parmVarDecl())).bind("var"), this);
  Finder.addMatcher(fieldDecl().bind("field"), this);
  Finder.addMatcher(cxxNewExpr().bind("new"), this);
  Finder.addMatcher(compoundStmt(forEach(expr().bind("statement"))), this);
  Finder.addMatcher(cxxConstructExpr().bind("construct"), this);
  Finder.addMatcher(callExpr().bind("call"), this);
  Finder.addMatcher(binaryOperator(hasOperatorName("=")).bind("assign"), this);
}

void GuardMisuseCheck::emit(const Finding &F) {
  // Each template instantiation repeats the same finding.
  if (Reported
          .insert({F.Loc.getRawEncoding(),
                   static_cast<unsigned>(llvm::hash_value(F.Message))})
          .second)
    report(F);
}

void GuardMisuseCheck::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  auto Emit = [&](const Finding &F) { emit(F); };
  auto Skip = [&](SourceLocation Loc) {
    return guard::inSystemHeader(Loc, SM);
  };

  if (const auto *VD = Result.Nodes.getNodeAs<VarDecl>("var")) {
    if (!Skip(VD->getLocation()) && !VD->isInvalidDecl())
      checkVariable(VD, Ctx);
  } else if (const auto *FD = Result.Nodes.getNodeAs<FieldDecl>("field")) {
    if (!Skip(FD->getLocation()) && !FD->isInvalidDecl())
      checkField(FD, Ctx);
  } else if (const auto *E = Result.Nodes.getNodeAs<CXXNewExpr>("new")) {
    if (!Skip(E->getBeginLoc()))
      checkNew(E, Ctx);
  } else if (const auto *E = Result.Nodes.getNodeAs<Expr>("statement")) {
    if (!Skip(E->getBeginLoc()))
      guard::checkDiscardedGuard(E, Ctx, Emit);
  } else if (const auto *E =
                 Result.Nodes.getNodeAs<CXXConstructExpr>("construct")) {
    if (Skip(E->getBeginLoc()) || E->isTypeDependent())
      return;
    if (!guard::threadStarter(E).empty())
      guard::checkThreadStart(E, Ctx, Emit);
    const CXXConstructorDecl *Ctor = E->getConstructor();
    if (Ctor->isCopyOrMoveConstructor() && E->getNumArgs() >= 1)
      checkCopy(E, Ctor, E->getArg(0), Ctx);
    else if (getOptionalGuardType(E->getType()).isNull())
      checkLibraryCall(E, Ctor, Ctx); // The optional's declaration is judged.
  } else if (const auto *E = Result.Nodes.getNodeAs<CallExpr>("call")) {
    if (Skip(E->getBeginLoc()) || E->isTypeDependent())
      return;
    if (!guard::threadStarter(E).empty())
      guard::checkThreadStart(E, Ctx, Emit);
    const FunctionDecl *Callee = E->getDirectCallee();
    if (!Callee)
      return;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
      if (MD && Op->getNumArgs() == 2 &&
          (MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator())) {
        checkCopy(E, MD, Op->getArg(1), Ctx);
        return;
      }
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
      if (!getOptionalGuardType(Member->getObjectType()).isNull() &&
          namedObject(Member->getImplicitObjectArgument()))
        return; // A declared std::optional of a guard is judged at its
                // declaration.
    checkLibraryCall(E, Callee, Ctx);
  } else if (const auto *E = Result.Nodes.getNodeAs<BinaryOperator>("assign")) {
    if (!Skip(E->getBeginLoc()) && !E->isTypeDependent())
      guard::checkAddressStored(E->getLHS(), E->getRHS(), Ctx, Emit);
  }
}

void GuardMisuseCheck::checkVariable(const VarDecl *VD, ASTContext &Ctx) {
  QualType T = VD->getType();
  if (T.isNull() || T->isDependentType() || T->isReferenceType())
    return;
  auto Emit = [&](const Finding &F) { emit(F); };
  if (T->isPointerType()) {
    guard::checkAddressInitialises(VD, Ctx, Emit);
    return;
  }
  Finding F;
  F.Loc = VD->getLocation();
  F.Ranges.push_back(VD->getSourceRange());
  std::string Name = "'" + VD->getNameAsString() + "'";
  if (QualType Held = getOptionalGuardType(T); !Held.isNull()) {
    std::optional<GuardHolding> H = getGuardHolding(Held);
    F.Message = Name + " holds " + guard::describeType(Held, *H, Ctx) +
                " in a std::optional" + OptionalWhy.str();
    guard::addHoldingNotes(F, *H, Ctx);
    emit(F);
    return;
  }
  bool IsArray;
  QualType Element = elementType(T, IsArray);
  std::optional<GuardHolding> H = getGuardHolding(Element);
  if (!H)
    return;
  std::string Subject =
      IsArray ? Name + ", an array of " +
                    (H->isWrapper() ? "objects holding guards" : "guards") + ","
              : guard::describeObject(VD, *H);
  if (VD->getTLSKind() != VarDecl::TLS_None) {
    F.Message = Subject + " is thread_local" + ThreadWhy.str();
  } else if (!VD->hasLocalStorage()) {
    if (!VD->isFirstDecl())
      return; // Reported at its first declaration.
    F.Message = Subject +
                (VD->isStaticLocal()        ? " is a static local variable"
                 : VD->isStaticDataMember() ? " is a static data member"
                                            : " is a global variable") +
                StaticWhy.str();
  } else if (IsArray) {
    F.Message = Subject + " is not one automatic local: a read-side guard "
                          "must be a named local, one per critical section";
  } else {
    return; // An automatic local: the one right place for a guard.
  }
  guard::addHoldingNotes(F, *H, Ctx);
  emit(F);
}

void GuardMisuseCheck::checkField(const FieldDecl *FD, ASTContext &Ctx) {
  QualType Held = getOptionalGuardType(FD->getType());
  if (Held.isNull() || FD->getType()->isReferenceType())
    return;
  std::optional<GuardHolding> H = getGuardHolding(Held);
  Finding F;
  F.Loc = FD->getLocation();
  F.Ranges.push_back(FD->getSourceRange());
  F.Message = "member '" + FD->getNameAsString() + "' holds " +
              guard::describeType(Held, *H, Ctx) + " in a std::optional" +
              OptionalWhy.str();
  guard::addHoldingNotes(F, *H, Ctx);
  emit(F);
}

void GuardMisuseCheck::checkNew(const CXXNewExpr *E, ASTContext &Ctx) {
  QualType T = E->getAllocatedType();
  if (T.isNull() || T->isDependentType())
    return;
  T = QualType(T->getBaseElementTypeUnsafe(), 0);
  std::optional<GuardHolding> H = getGuardHolding(T);
  if (!H)
    return;
  Finding F;
  F.Loc = E->getBeginLoc();
  F.Ranges.push_back(E->getSourceRange());
  F.Message = "the new-expression allocates " +
              guard::describeType(T, *H, Ctx) + " on the heap" + HeapWhy.str();
  guard::addHoldingNotes(F, *H, Ctx);
  emit(F);
}

void GuardMisuseCheck::checkLibraryCall(const Expr *Call,
                                        const FunctionDecl *Callee,
                                        ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Callee || !guard::inSystemHeader(Callee->getLocation(), SM) ||
      !guard::LibraryAllocations::mayCreateGuard(Callee))
    return;
  QualType Created = Library.createdGuard(Callee);
  if (Created.isNull())
    return;
  std::optional<GuardHolding> H = getGuardHolding(Created);
  if (!H)
    return;
  Finding F;
  F.Loc = Call->getExprLoc();
  F.Ranges.push_back(Call->getSourceRange());
  const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
  bool InOptional =
      MD &&
      !getOptionalGuardType(compat::getCanonicalTagType(Ctx, MD->getParent()))
           .isNull();
  F.Message = "'" + calleeName(Callee, Ctx) + "' creates " +
              guard::describeType(Created, *H, Ctx) +
              (InOptional ? " inside a std::optional" + OptionalWhy.str()
                          : " on the heap" + HeapWhy.str());
  guard::addHoldingNotes(F, *H, Ctx);
  emit(F);
}

void GuardMisuseCheck::checkCopy(const Expr *E, const CXXMethodDecl *Method,
                                 const Expr *Source, ASTContext &Ctx) {
  std::optional<GuardHolding> H =
      getGuardHolding(compat::getCanonicalTagType(Ctx, Method->getParent()));
  if (!H)
    return;
  // The member-wise copy inside a wrapper's implicit copy constructor is
  // reported where that constructor is used.
  if (const FunctionDecl *In =
          guard::enclosingFunction(E, Ctx, /*ThroughLambdas=*/false);
      In && (In->isImplicit() || In->isDefaulted()))
    return;
  bool Move = isa<CXXConstructorDecl>(Method)
                  ? cast<CXXConstructorDecl>(Method)->isMoveConstructor()
                  : Method->isMoveAssignmentOperator();
  bool Assign = !isa<CXXConstructorDecl>(Method);
  const ValueDecl *From = namedObject(Source);
  if (const auto *Call = dyn_cast<CallExpr>(Source->IgnoreImplicit()))
    if (Call->isCallToStdMove() && Call->getNumArgs() == 1)
      From = namedObject(Call->getArg(0));
  Finding F;
  F.Loc = Assign ? cast<CXXOperatorCallExpr>(E)->getOperatorLoc()
                 : Source->getBeginLoc();
  F.Ranges.push_back(E->getSourceRange());
  std::string Subject =
      From
          ? guard::describeObject(From, *H)
          : guard::describeType(
                compat::getCanonicalTagType(Ctx, Method->getParent()), *H, Ctx);
  F.Message = Subject + " is " +
              (Move ? (Assign ? "move-assigned" : "moved")
                    : (Assign ? "copy-assigned" : "copied")) +
              CopyWhy.str();
  guard::addHoldingNotes(F, *H, Ctx);
  guard::addGuardTypeNote(F, *H, Ctx);
  emit(F);
}

} // namespace rcubox
