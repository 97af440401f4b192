//===- TidyCheckAdapter.cpp - A core check as a clang-tidy check ----------===//

#include "tidy/TidyCheckAdapter.h"
#include "core/CheckRegistry.h"
#include "core/Config.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace rcubox::tidy {

TidyCheckAdapter::TidyCheckAdapter(StringRef Name,
                                   clang::tidy::ClangTidyContext *Ctx)
    : ClangTidyCheck(Name, Ctx) {
  // Options: .rcubox.yaml of the file being checked, overridden by
  // clang-tidy's CheckOptions. Selection and warnings-as-errors are
  // clang-tidy's own.
  if (StringRef File = Ctx->getCurrentFile(); !File.empty()) {
    llvm::Expected<Config> FromFile =
        configForFile(File, *llvm::vfs::getRealFileSystem());
    if (FromFile) {
      Options = FromFile->Options;
      Model = FromFile->Model;
    } else
      configurationDiag("%0") << llvm::toString(FromFile.takeError());
  }
  for (const CheckOptionInfo &O : allCheckOptions())
    if (O.Check == Name)
      if (std::optional<StringRef> Value = ClangTidyCheck::Options.get(O.Name))
        Options[O.key()] = Value->str();
  Core = createCheck(Name, *this, Options);
}

TidyCheckAdapter::~TidyCheckAdapter() = default;

void TidyCheckAdapter::registerPPCallbacks(const SourceManager &SM,
                                           Preprocessor *, Preprocessor *) {
  this->SM = &SM;
}

void TidyCheckAdapter::registerMatchers(MatchFinder *Finder) {
  if (!Core)
    return;
  // Only to learn the ASTContext for onEndOfTranslationUnit().
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  Core->registerMatchers(*Finder);
}

void TidyCheckAdapter::check(const MatchFinder::MatchResult &R) {
  Context = R.Context;
  SM = R.SourceManager;
  // The translation unit matches before anything in it does.
  if (!Model.empty() && !BoundModel)
    BoundModel.emplace(*Context, Model);
}

void TidyCheckAdapter::onEndOfTranslationUnit() {
  if (!Core || !Context)
    return;
  // A bug in a check must not take clang-tidy down with it.
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] { Core->finishTranslationUnit(*Context); }))
    llvm::errs() << "rcubox: internal error in " << Core->name()
                 << "; the rest of this translation unit was not analysed "
                    "(please report this)\n";
  BoundModel.reset();
  Context = nullptr;
}

void TidyCheckAdapter::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  for (const CheckOptionInfo &O : allCheckOptions())
    if (O.Check == Core->name())
      if (auto It = Options.find(O.key()); It != Options.end())
        ClangTidyCheck::Options.store(Opts, O.Name, It->second);
}

void TidyCheckAdapter::report(StringRef CheckName, const Finding &F) {
  // clang-tidy applies NOLINT and its header filter itself; the core filter
  // keeps the two front ends' rules identical where they differ (system
  // headers through macros).
  if (!SM || !isReportable(*SM, F, CheckName))
    return;
  emitAsDiagnostics(F, DiagnosticIDs::Warning,
                    [&](SourceLocation Loc, DiagnosticIDs::Level Level) {
                      return diag(Loc, "%0", Level);
                    });
}

} // namespace rcubox::tidy
