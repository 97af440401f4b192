//===- Audit.cpp - Send/Sync of every record in a TU, for review ----------===//

#include "core/sendsync/Audit.h"
#include "core/Compat.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace rcubox::sendsync {
namespace {

class AuditVisitor : public RecursiveASTVisitor<AuditVisitor> {
public:
  AuditVisitor(ASTContext &Ctx, TraitSolver &Solver, const Explainer &Ex,
               bool MainFileOnly, llvm::raw_ostream &OS)
      : Ctx(Ctx), Solver(Solver), Ex(Ex), MainFileOnly(MainFileOnly), OS(OS) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (!RD->isThisDeclarationADefinition() || !RD->isCompleteDefinition() ||
        RD->isDependentType() || RD->isInvalidDecl() ||
        RD->isInjectedClassName())
      return true;
    const SourceManager &SM = Ctx.getSourceManager();
    if (MainFileOnly && !SM.isInMainFile(SM.getExpansionLoc(RD->getLocation())))
      return true;
    QualType T = compat::getCanonicalTagType(Ctx, RD);
    bool Send = Solver.evaluate(T, Trait::Send).Holds;
    bool Sync = Solver.evaluate(T, Trait::Sync).Holds;
    OS << "rcu-send-sync-audit: " << Ex.quote(T) << ": "
       << (Send ? "Send" : "!Send") << " " << (Sync ? "Sync" : "!Sync") << "\n";
    return true;
  }

private:
  ASTContext &Ctx;
  TraitSolver &Solver;
  const Explainer &Ex;
  bool MainFileOnly;
  llvm::raw_ostream &OS;
};

} // namespace

void runAudit(ASTContext &Ctx, TraitSolver &Solver, const Explainer &Ex,
              StringRef Scope, llvm::raw_ostream &OS) {
  AuditVisitor(Ctx, Solver, Ex, Scope == "main", OS)
      .TraverseDecl(Ctx.getTranslationUnitDecl());
}

} // namespace rcubox::sendsync
