//===- DeferredDestructionWaits.cpp - Waits on the reclamation side -------===//

#include "core/sync/DeferredDestructionWaits.h"
#include "core/Annotations.h"
#include "core/sendsync/UseFinder.h"
#include "core/sync/WaitChain.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace rcubox::sync {

void DeferredDestructionWaits::addTemplate(const ClassTemplateDecl *T) {
  if (T && !T->isInvalidDecl() &&
      !getTemplateRequirements(T->getTemplatedDecl()).empty())
    Containers.insert(T->getCanonicalDecl());
}

void DeferredDestructionWaits::report(
    ASTContext &Ctx, llvm::function_ref<void(const Finding &)> Emit) {
  // The value types whose destructor may wait, from the specializations
  // alone: most translation units have none, and then the uses of the
  // containers are never looked for.
  llvm::DenseMap<const Type *, CallSite> Waiting;
  for (const ClassTemplateDecl *T : Containers)
    for (const ClassTemplateSpecializationDecl *Spec : T->specializations()) {
      if (Spec->isInvalidDecl())
        continue;
      const TemplateArgumentList &Args = Spec->getTemplateArgs();
      for (const TemplateRequirement &Req : getTemplateRequirements(Spec)) {
        if (Req.ParamIndex >= Args.size() ||
            Args[Req.ParamIndex].getKind() != TemplateArgument::Type)
          continue;
        QualType Value = Ctx.getCanonicalType(Args[Req.ParamIndex].getAsType());
        auto Dtor = destructorCallFor(Value, Spec->getLocation(), nullptr);
        if (Dtor && Summaries.mayWait(*Dtor))
          Waiting.try_emplace(Value.getTypePtr(), *Dtor);
      }
    }
  if (Waiting.empty())
    return;

  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallPtrSet<const Type *, 4> Reported;
  sendsync::findUses(Ctx, [&](const sendsync::Use &U) {
    if (U.Kind != sendsync::Use::Named || !U.Spec)
      return;
    const TemplateArgumentList &Args = U.Spec->getTemplateArgs();
    for (const TemplateRequirement &Req : getTemplateRequirements(U.Spec)) {
      if (Req.ParamIndex >= Args.size() ||
          Args[Req.ParamIndex].getKind() != TemplateArgument::Type)
        continue;
      QualType Value = Ctx.getCanonicalType(Args[Req.ParamIndex].getAsType());
      auto It = Waiting.find(Value.getTypePtr());
      if (It == Waiting.end() || !Reported.insert(It->first).second)
        continue;
      std::string Name = "'" + Value.getAsString(Ctx.getPrintingPolicy()) + "'";
      Finding F;
      F.Loc = U.Loc;
      F.Ranges.push_back(U.Range);
      F.Message = "the destructor of " + Name +
                  " may wait for deferred destructions, but " + "'" +
                  U.Spec->getQualifiedNameAsString() +
                  "' destroys it as one, on the reclamation thread: that "
                  "wait never ends";
      for (const sendsync::InstantiationStep &Step : U.Chain)
        if (Step.Loc != U.Loc)
          F.Notes.push_back({Step.Loc, "in instantiation of " + Step.What +
                                           " requested here"});
      addWaitChainNotes(F, It->second, Summaries, SM);
      Emit(F);
    }
  });
}

} // namespace rcubox::sync
