//===- AnalysisConsumer.cpp - Runs the checks over one TU -----------------===//

#include "core/AnalysisConsumer.h"
#include "core/CheckRegistry.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/IdentifierTable.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace rcubox {

/// Cheap pre-filter for a whole translation unit: false if it cannot declare
/// any of rcubox's markers. Every check starts from one (a guard type, a
/// borrowing parameter, a function that waits for a grace period, a template
/// that requires Send: all [[clang::annotate("rcu::...")]], see
/// Annotations.h), and an annotate attribute can only be written with the
/// identifier `annotate` (or `__annotate__`), which the lexer then records.
/// Without it, the match over the whole AST and the checks' own passes have
/// nothing to find, yet cost several percent of a large unit's compile time
/// (every libstdc++ and LLVM header: thousands of function bodies). Only a
/// unit whose identifiers are all in the table qualifies: with a PCH or
/// modules some are loaded lazily, so those always run.
static bool mayDeclareRcuMarkers(const ASTContext &Ctx) {
  if (Ctx.getExternalSource())
    return true;
  const IdentifierTable &Idents = Ctx.Idents;
  return Idents.find("annotate") != Idents.end() ||
         Idents.find("__annotate__") != Idents.end();
}

AnalysisConsumer::AnalysisConsumer(const Config &C, Reporter &R)
    : Options(C.Options), Checks(createChecks(C.Checks, R, Options)) {
  for (auto &Check : Checks)
    Check->registerMatchers(Finder);
}

AnalysisConsumer::~AnalysisConsumer() = default;

void AnalysisConsumer::HandleTranslationUnit(ASTContext &Ctx) {
  // Code that failed to compile has no reliable meaning to analyse; the
  // compiler's own errors are what the user needs to see first.
  if (Ctx.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  // rcu-send-sync's audit lists every class, markers or not.
  if (!mayDeclareRcuMarkers(Ctx) &&
      Options.lookup("rcu-send-sync.Audit").empty())
    return;
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] {
        Finder.matchAST(Ctx);
        for (auto &Check : Checks)
          Check->finishTranslationUnit(Ctx);
      })) {
    Crashed = true;
    llvm::errs() << "rcubox: internal error; the rest of this translation "
                    "unit was not analysed (please report this)\n";
  }
}

} // namespace rcubox
