//===- AnalysisConsumer.cpp - Runs the checks over one TU -----------------===//

#include "core/AnalysisConsumer.h"
#include "core/CheckRegistry.h"
#include "clang/AST/ASTContext.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace rcubox {

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
