//===- UseFinder.cpp - Where a Send/Sync requirement applies --------------===//

#include "core/sendsync/UseFinder.h"
#include "core/Annotations.h"
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

  bool VisitTemplateSpecializationTypeLoc(TemplateSpecializationTypeLoc TL) {
    named(TL.getType(), TL.getTemplateNameLoc(), TL.getSourceRange());
    return true;
  }
  bool VisitDeducedTemplateSpecializationTypeLoc(
      DeducedTemplateSpecializationTypeLoc TL) {
    named(TL.getType(), TL.getTemplateNameLoc(), TL.getSourceRange());
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    descendIntoFunction(dyn_cast<FunctionDecl>(E->getDecl()), E->getExprLoc());
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

  void emit(Use::KindTy Kind, QualType T,
            const ClassTemplateSpecializationDecl *Spec, SourceLocation Loc,
            SourceRange Range) {
    auto Place = std::make_pair(Loc.getRawEncoding(), Spec);
    Use U;
    U.Kind = Kind;
    U.Type = T;
    U.Spec = Spec;
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
    const ClassTemplateSpecializationDecl *Spec = specOf(T);
    if (Spec && !getTemplateRequirements(Spec).empty())
      emit(Kind, T, Spec, Loc, Range);
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

  ASTContext &Ctx;
  const SourceManager &SM;
  llvm::function_ref<void(const Use &)> Sink;
  bool Descending = false;
  llvm::SmallVector<InstantiationStep, 4> Chain;
  llvm::DenseSet<const Decl *> Descended;
  llvm::DenseSet<std::pair<unsigned, const Decl *>> Written;
};

} // namespace

void findUses(ASTContext &Ctx, llvm::function_ref<void(const Use &)> Sink) {
  Finder(Ctx, Sink).TraverseDecl(Ctx.getTranslationUnitDecl());
}

} // namespace rcubox::sendsync
