//===- WaitChain.cpp - Notes that spell how a call comes to wait ----------===//

#include "core/sync/WaitChain.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace rcubox::sync {
namespace {

/// The macro that marks functions of \p Kind, as the runtime spells it.
StringRef markerMacro(WaitKind Kind) {
  return Kind == WaitKind::GracePeriod ? "RCU_WAITS_FOR_GRACE_PERIOD"
                                       : "RCU_WAITS_FOR_DEFERRED_DESTRUCTION";
}

/// A note suggesting the marker on \p FD's declaration in a header, when the
/// summary inferred the wait from a definition other translation units do
/// not see. The fix-it is offered only where the insertion is certain: the
/// first declaration of a plain (non-template) function, in a user header.
std::optional<Note> suggestMarker(const FunctionDecl *FD, WaitKind Kind,
                                  const SourceManager &SM) {
  const FunctionDecl *First = FD->getFirstDecl();
  if (!First || isa<CXXDestructorDecl, CXXConstructorDecl>(First) ||
      First->isTemplated() || First->isTemplateInstantiation() ||
      First->getDescribedFunctionTemplate() || First->isImplicit())
    return std::nullopt;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(First);
      MD && MD->getParent()->isLambda())
    return std::nullopt;
  SourceLocation Begin = First->getBeginLoc();
  if (Begin.isInvalid() || Begin.isMacroID())
    return std::nullopt;
  FileID File = SM.getFileID(Begin);
  if (File == SM.getMainFileID() || SM.isInSystemHeader(Begin))
    return std::nullopt;
  StringRef Macro = markerMacro(Kind);
  Note N{Begin, describe(First) + " is declared here without " + Macro.str() +
                    "; other translation units that call it cannot see that it "
                    "waits"};
  N.FixIts.push_back(FixItHint::CreateInsertion(Begin, (Macro + " ").str()));
  return N;
}

} // namespace

std::string describe(const FunctionDecl *FD) {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD);
      MD && MD->getParent()->isLambda())
    return "the lambda";
  return "'" + FD->getQualifiedNameAsString() + "'";
}

void addWaitChainNotes(Finding &F, const CallSite &Site, WaitSummaries &S,
                       const SourceManager &SM) {
  auto Say = [&](SourceLocation At, std::string Text) {
    if (At.isValid() && !SM.isInSystemHeader(SM.getExpansionLoc(At)))
      F.Notes.push_back({At, std::move(Text)});
  };
  const FunctionDecl *Next = S.target(Site);
  auto SayDispatch = [&](const CallSite &C, const FunctionDecl *To) {
    if (C.Virtual && To && To != C.Callee)
      Say(C.At, "every override of " + describe(C.Callee) +
                    " visible here may wait, as " + describe(To) + " does");
  };
  SayDispatch(Site, Next);
  llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
  while (Next && !S.isMarked(Next) &&
         Seen.insert(Next->getCanonicalDecl()).second && Seen.size() < 32) {
    const CallSite *Step = S.stepIn(Next);
    if (!Step)
      break;
    if (auto Suggestion = suggestMarker(Next, S.kind(), SM))
      F.Notes.push_back(std::move(*Suggestion));
    const FunctionDecl *To = S.target(*Step);
    if (Step->Destroyed)
      Say(Step->At, describe(Next) + " destroys '" +
                        Step->Destroyed->getName().str() + "', calling " +
                        describe(Step->Callee));
    else
      Say(Step->At,
          describe(Next) + " calls " + describe(Step->Callee) + " here");
    SayDispatch(*Step, To);
    Next = To;
  }
}

} // namespace rcubox::sync
