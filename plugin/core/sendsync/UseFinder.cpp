//===- UseFinder.cpp - Where a Send/Sync requirement applies --------------===//

#include "core/sendsync/UseFinder.h"
#include "core/Annotations.h"
#include "core/Compat.h"
#include "core/TypeArguments.h"
#include "core/sendsync/LibraryTraits.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/SaveAndRestore.h"

using namespace clang;

namespace rcubox::sendsync {
namespace {

/// Instantiations nested deeper than this are not followed.
constexpr unsigned MaxChain = 16;

class Finder : public RecursiveASTVisitor<Finder> {
  using Base = RecursiveASTVisitor<Finder>;

public:
  Finder(ASTContext &Ctx, llvm::function_ref<void(const Use &)> Sink)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Sink(Sink) {}

  // Written code first; instantiations only when user code requests them.
  bool shouldVisitTemplateInstantiations() const { return Descending; }

  bool TraverseDecl(Decl *D) {
    if (!D || D->isImplicit() || D->isInvalidDecl())
      return true;
    if (!Descending && inSystemHeader(D->getLocation()))
      return true;
    return Base::TraverseDecl(D);
  }

  // The type location being traversed and the one around it, so that a
  // template-id is reported with the qualifier it was written with. LLVM 22
  // gave TraverseTypeLoc a second parameter; the rest are forwarded as is.
  template <class... Rest> bool TraverseTypeLoc(TypeLoc TL, Rest... Args) {
    llvm::SaveAndRestore Outer(EnclosingTL, CurrentTL);
    llvm::SaveAndRestore Current(CurrentTL, TL);
    return Base::TraverseTypeLoc(TL, Args...);
  }

  bool VisitTemplateSpecializationTypeLoc(TemplateSpecializationTypeLoc TL) {
    named(compat::writtenType(TL, EnclosingTL), TL.getTemplateNameLoc(),
          TL.getSourceRange());
    return true;
  }
  bool VisitDeducedTemplateSpecializationTypeLoc(
      DeducedTemplateSpecializationTypeLoc TL) {
    named(compat::writtenType(TL, EnclosingTL), TL.getTemplateNameLoc(),
          TL.getSourceRange());
    return true;
  }
  // Class template argument deduction leaves the written type undeduced;
  // the declaration or expression carries what it deduced.
  bool VisitVarDecl(VarDecl *VD) {
    deduced(VD->getTypeSourceInfo(), VD->getType());
    return true;
  }
  bool VisitExplicitCastExpr(ExplicitCastExpr *E) {
    deduced(E->getTypeInfoAsWritten(), E->getType());
    return true;
  }
  bool VisitCXXTemporaryObjectExpr(CXXTemporaryObjectExpr *E) {
    deduced(E->getTypeSourceInfo(), E->getType());
    return true;
  }
  bool VisitCXXNewExpr(CXXNewExpr *E) {
    deduced(E->getAllocatedTypeSourceInfo(), E->getAllocatedType());
    return true;
  }
  // `template struct Holder<Route>;` instantiates without naming the type
  // in a type location.
  bool
  VisitClassTemplateSpecializationDecl(ClassTemplateSpecializationDecl *D) {
    TemplateSpecializationKind TSK = D->getSpecializationKind();
    if (TSK == TSK_ExplicitInstantiationDefinition ||
        TSK == TSK_ExplicitInstantiationDeclaration)
      named(compat::getCanonicalTagType(Ctx, D), D->getLocation(),
            D->getSourceRange());
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    descendIntoFunction(dyn_cast<FunctionDecl>(E->getDecl()), E->getExprLoc());
    descendIntoVariable(dyn_cast<VarTemplateSpecializationDecl>(E->getDecl()),
                        E->getExprLoc());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    descendIntoFunction(dyn_cast<FunctionDecl>(E->getMemberDecl()),
                        E->getMemberLoc());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (isThreadSpawner(E->getConstructor()))
      handOff({E->getArgs(), E->getNumArgs()});
    return true;
  }
  bool VisitCallExpr(CallExpr *E) {
    if (isThreadSpawner(E->getDirectCallee()))
      handOff({E->getArgs(), E->getNumArgs()});
    return true;
  }

private:
  bool inSystemHeader(SourceLocation Loc) const {
    return Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc));
  }

  static const ClassTemplateSpecializationDecl *specOf(QualType T) {
    if (T.isNull() || T->isDependentType())
      return nullptr;
    return dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T->getAsCXXRecordDecl());
  }

  void named(QualType T, SourceLocation Loc, SourceRange Range) {
    const ClassTemplateSpecializationDecl *Spec = specOf(T);
    if (!Spec)
      return;
    if (!getTemplateRequirements(Spec).empty())
      emit(Use::Named, T, Spec, Loc, Range);
    else
      descendIntoClass(Spec, T, Loc);
  }

  /// Reports the specialization deduced for a type written as a template
  /// name alone (`rcu::Pointer p{box};`, `new RcuMap(k, v)`).
  void deduced(const TypeSourceInfo *TSI, QualType Deduced) {
    if (!TSI || !isa_and_nonnull<DeducedTemplateSpecializationType>(
                    TSI->getType()->getContainedDeducedType()))
      return;
    for (TypeLoc TL = TSI->getTypeLoc(); !TL.isNull(); TL = TL.getNextTypeLoc())
      if (auto DTL = TL.getAs<DeducedTemplateSpecializationTypeLoc>()) {
        named(Deduced, DTL.getTemplateNameLoc(), DTL.getSourceRange());
        return;
      }
  }

  void emit(Use::KindTy Kind, QualType T,
            const ClassTemplateSpecializationDecl *Spec, SourceLocation Loc,
            SourceRange Range) {
    auto Place = std::make_pair(Loc.getRawEncoding(), Spec);
    Use U;
    U.Kind = Kind;
    U.Type = T;
    U.Spec = Spec;
    U.Within = PendingWithin;
    if (Chain.empty()) {
      Written.insert(Place);
      U.Loc = Loc;
      U.Range = Range;
    } else {
      // Written without dependence on the template's parameters: already
      // reported where it is written.
      if (Written.contains(Place))
        return;
      U.Loc = Chain.front().Loc;
      U.NamedAt = Loc;
      U.Chain.assign(Chain.begin(), Chain.end());
    }
    Sink(U);
  }

  void handOff(ArrayRef<const Expr *> Args) {
    for (const Expr *Arg : Args) {
      if (!Arg || Arg->isTypeDependent())
        continue;
      if (const auto *LE = dyn_cast<LambdaExpr>(Arg->IgnoreImplicit())) {
        for (const LambdaCapture &C : LE->captures())
          if (C.capturesVariable())
            handed(C.getCapturedVar()->getType(), C.getLocation(),
                   SourceRange(C.getLocation()),
                   C.getCaptureKind() == LCK_ByRef ? Use::SharedWithThread
                                                   : Use::HandOff);
        continue;
      }
      QualType T = Arg->getType().getNonReferenceType();
      const CXXRecordDecl *Closure = T->getAsCXXRecordDecl();
      if (Closure && Closure->isLambda()) {
        for (const FieldDecl *F : Closure->fields())
          handed(F->getType(), Arg->getExprLoc(), Arg->getSourceRange());
        continue;
      }
      handed(T, Arg->getExprLoc(), Arg->getSourceRange());
    }
  }

  void handed(QualType T, SourceLocation Loc, SourceRange Range,
              Use::KindTy Kind = Use::HandOff) {
    T = T.getNonReferenceType().getUnqualifiedType();
    llvm::SmallVector<InstantiationStep, 2> Within;
    llvm::DenseSet<const Type *> Seen;
    QualType Held;
    const ClassTemplateSpecializationDecl *Spec =
        heldRequirement(T, Held, Within, Seen);
    if (!Spec)
      return;
    llvm::SaveAndRestore RestoreWithin(PendingWithin, std::move(Within));
    emit(Kind, Held, Spec, Loc, Range);
  }

  /// The first specialization with a Send/Sync requirement that moving a
  /// \p T moves too: \p T itself, or one held by value in its fields, bases
  /// or (for standard library types) template arguments. Pointers and
  /// references do not move what they point to.
  const ClassTemplateSpecializationDecl *
  heldRequirement(QualType T, QualType &Held,
                  llvm::SmallVectorImpl<InstantiationStep> &Within,
                  llvm::DenseSet<const Type *> &Seen) {
    T = T.getNonReferenceType().getUnqualifiedType();
    if (T.isNull() || T->isDependentType() || T->isPointerType() ||
        Within.size() >= MaxChain ||
        !Seen.insert(Ctx.getCanonicalType(T).getTypePtr()).second)
      return nullptr;
    if (const auto *AT = Ctx.getAsArrayType(T))
      return heldRequirement(AT->getElementType(), Held, Within, Seen);
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    RD = RD ? RD->getDefinition() : nullptr;
    if (!RD || RD->isLambda() || RD->isInvalidDecl())
      return nullptr;
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
    if (Spec && !getTemplateRequirements(Spec).empty()) {
      Held = T;
      return Spec;
    }
    // The step's text is only spelled out on the path that finds one.
    auto Try = [&](QualType Inner, SourceLocation Loc, const Twine &How) {
      size_t Step = Within.size();
      Within.push_back({Loc, ""});
      const auto *Found = heldRequirement(Inner, Held, Within, Seen);
      if (Found)
        Within[Step].What = ("'" +
                             QualType(Ctx.getCanonicalType(T))
                                 .getAsString(Ctx.getPrintingPolicy()) +
                             "' holds it" + How)
                                .str();
      else
        Within.pop_back();
      return Found;
    };
    // Library internals are not the user's: follow the element types (and
    // point the note at the hand-off, not into the library).
    if (compat::isInStlNamespace(RD)) {
      for (QualType A : typeArguments(RD))
        if (const auto *Found = Try(A, SourceLocation(), Twine()))
          return Found;
      return nullptr;
    }
    for (const CXXBaseSpecifier &B : RD->bases())
      if (const auto *Found =
              Try(B.getType(), B.getBaseTypeLoc(), " in a base class"))
        return Found;
    for (const FieldDecl *F : RD->fields())
      if (const auto *Found = Try(F->getType(), F->getLocation(),
                                  " in field '" + F->getName() + "'"))
        return Found;
    return nullptr;
  }

  /// Follows a request for an instantiation into its body, remembering the
  /// step so a finding inside can be traced back to user code.
  void descend(Decl *D, SourceLocation Loc, std::string What) {
    if (Chain.size() >= MaxChain || !Descended.insert(D).second)
      return;
    Chain.push_back({Loc, std::move(What)});
    llvm::SaveAndRestore Restore(Descending, true);
    Base::TraverseDecl(D);
    Chain.pop_back();
  }

  void descendIntoClass(const ClassTemplateSpecializationDecl *Spec, QualType T,
                        SourceLocation Loc) {
    if (!isTemplateInstantiation(Spec->getTemplateSpecializationKind()) ||
        !Spec->isCompleteDefinition() || Spec->isInvalidDecl())
      return;
    const ClassTemplateDecl *Template = Spec->getSpecializedTemplate();
    if (!Template || inSystemHeader(Template->getLocation()))
      return;
    PrintingPolicy Policy = Ctx.getPrintingPolicy();
    descend(const_cast<ClassTemplateSpecializationDecl *>(Spec), Loc,
            "'" + T.getAsString(Policy) + "'");
  }

  void descendIntoFunction(const FunctionDecl *FD, SourceLocation Loc) {
    if (!FD || !FD->getPrimaryTemplate() ||
        FD->getTemplateSpecializationKind() != TSK_ImplicitInstantiation ||
        !FD->doesThisDeclarationHaveABody() ||
        inSystemHeader(FD->getPrimaryTemplate()->getLocation()))
      return;
    std::string Name;
    llvm::raw_string_ostream OS(Name);
    FD->getNameForDiagnostic(OS, Ctx.getPrintingPolicy(), /*Qualified=*/true);
    descend(const_cast<FunctionDecl *>(FD), Loc,
            "function template specialization '" + Name + "'");
  }

  void descendIntoVariable(const VarTemplateSpecializationDecl *VD,
                           SourceLocation Loc) {
    if (!VD || !isTemplateInstantiation(VD->getTemplateSpecializationKind()) ||
        inSystemHeader(VD->getSpecializedTemplate()->getLocation()))
      return;
    std::string Name;
    llvm::raw_string_ostream OS(Name);
    VD->getNameForDiagnostic(OS, Ctx.getPrintingPolicy(), /*Qualified=*/true);
    descend(const_cast<VarTemplateSpecializationDecl *>(VD), Loc,
            "variable template specialization '" + Name + "'");
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  llvm::function_ref<void(const Use &)> Sink;
  bool Descending = false;
  TypeLoc CurrentTL, EnclosingTL;
  llvm::SmallVector<InstantiationStep, 4> Chain;
  llvm::SmallVector<InstantiationStep, 2> PendingWithin;
  llvm::DenseSet<const Decl *> Descended;
  llvm::DenseSet<std::pair<unsigned, const Decl *>> Written;
};

} // namespace

void findUses(ASTContext &Ctx, llvm::function_ref<void(const Use &)> Sink) {
  Finder(Ctx, Sink).TraverseDecl(Ctx.getTranslationUnitDecl());
}

} // namespace rcubox::sendsync
