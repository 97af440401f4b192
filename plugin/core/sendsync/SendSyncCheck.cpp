//===- SendSyncCheck.cpp - rcu-send-sync ----------------------------------===//

#include "core/sendsync/SendSyncCheck.h"
#include "core/Annotations.h"
#include "core/sendsync/Audit.h"
#include "core/sendsync/Explain.h"
#include "core/sendsync/TraitSolver.h"
#include "core/sendsync/UseFinder.h"

using namespace clang;

namespace rcubox {
using namespace sendsync;

namespace {

std::string joinTraits(ArrayRef<Trait> Traits) {
  return Traits.size() == 2 ? "Send and Sync" : traitName(Traits[0]).str();
}

/// Why the requirement exists, for the warning's message.
std::string rationale(const Use &U, ArrayRef<Trait> Failed) {
  if (U.Kind == Use::HandOff)
    return "the new thread owns it while readers may still share it";
  if (U.Kind == Use::SharedWithThread)
    return "the other thread reads it concurrently";
  bool Send = llvm::is_contained(Failed, Trait::Send);
  bool Sync = llvm::is_contained(Failed, Trait::Sync);
  if (Send && Sync)
    return "RCU may destroy it on another thread, and readers on many "
           "threads share it";
  return Send ? "RCU may destroy it on another thread"
              : "readers on many threads share it";
}

/// 'rcu::RcuVBox<Route>' (aka 'rcu::RcuBox<Route, rcu::Vmalloc>').
std::string describeSpecialization(const Use &U, const Explainer &Ex,
                                   ASTContext &Ctx) {
  // Types found in instantiations or arguments carry the template's
  // spelling or library sugar; the user knows the specialization by name.
  if (U.Kind != Use::Named || U.NamedAt.isValid())
    return Ex.quote(Ctx.getCanonicalType(U.Type));
  std::string Written = Ex.quote(U.Type);
  const auto *TST = U.Type->getAs<TemplateSpecializationType>();
  if (TST && TST->isTypeAlias())
    Written += " (aka " + Ex.quote(Ctx.getCanonicalType(U.Type)) + ")";
  return Written;
}

} // namespace

void SendSyncCheck::checkUse(const Use &U, TraitSolver &Solver, Explainer &Ex) {
  ASTContext &Ctx = U.Spec->getASTContext();
  const TemplateArgumentList &Args = U.Spec->getTemplateArgs();
  for (const TemplateRequirement &Req : getTemplateRequirements(U.Spec)) {
    if (Req.ParamIndex >= Args.size() ||
        Args[Req.ParamIndex].getKind() != TemplateArgument::Type)
      continue;
    QualType Arg = Args[Req.ParamIndex].getAsType();
    // Moving a box to another thread makes it Send only if its value is
    // Send and Sync (the kernel's RcuBox<T>: Send needs T: Send + Sync).
    bool ToThread = U.Kind != Use::Named;
    bool NeedsSync = Req.NeedsSync || ToThread;
    llvm::SmallVector<Trait, 2> Failed;
    for (Trait X : {Trait::Send, Trait::Sync})
      if ((X == Trait::Send || NeedsSync) && !Solver.evaluate(Arg, X).Holds)
        Failed.push_back(X);
    if (Failed.empty() ||
        !Reported.insert({U.Loc.getRawEncoding(), Req.Attr}).second)
      continue;
    // One report per line and specialization: `RcuBox<R> b =
    // make_rcu_box<R>();` names it twice but is one mistake.
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation Line = SM.getExpansionLoc(U.Loc);
    if (!ToThread && !ReportedLines
                          .insert({SM.getFileID(Line).getHashValue(),
                                   SM.getExpansionLineNumber(Line),
                                   U.Spec->getCanonicalDecl(), Req.Attr})
                          .second)
      continue;

    Finding F;
    F.Loc = U.Loc;
    F.Ranges.push_back(U.Range);
    std::string Needs =
        "requires " + Ex.quote(Arg) + " to be " +
        (ToThread ? std::string("Send and Sync") : joinTraits(Failed));
    std::string What = describeSpecialization(U, Ex, Ctx);
    F.Message = (U.Kind == Use::HandOff
                     ? "moving " + What + " to another thread " + Needs
                 : U.Kind == Use::SharedWithThread
                     ? "sharing " + What + " with another thread " + Needs
                     : What + " " + Needs) +
                ": " + rationale(U, Failed);
    for (const InstantiationStep &Step : U.Chain)
      F.Notes.push_back(
          {Step.Loc, "in instantiation of " + Step.What + " requested here"});
    SourceLocation At = U.Loc;
    if (U.NamedAt.isValid()) {
      At = U.NamedAt;
      F.Notes.push_back({At, What + (U.Kind == Use::HandOff
                                         ? " is moved to another thread here"
                                     : U.Kind == Use::SharedWithThread
                                         ? " is shared with another thread here"
                                         : " is named here")});
    }
    for (const InstantiationStep &Step : U.Within)
      F.Notes.push_back({Step.Loc.isValid() ? Step.Loc : U.Loc, Step.What});
    Ex.explainAll(Arg, Failed, At, F.Notes);
    report(F);
  }
}

void SendSyncCheck::finishTranslationUnit(ASTContext &Ctx) {
  TraitSolver Solver(Ctx);
  Explainer Ex(Ctx, Solver);
  findUses(Ctx, [&](const Use &U) { checkUse(U, Solver, Ex); });
  if (StringRef Scope = option("Audit"); !Scope.empty())
    runAudit(Ctx, Solver, Ex, Scope, llvm::outs());
}

} // namespace rcubox
