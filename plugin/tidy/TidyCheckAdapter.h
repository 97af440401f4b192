//===- TidyCheckAdapter.h - A core check as a clang-tidy check --*- C++ -*-===//
//
// clang-tidy owns check selection, NOLINT handling, warnings-as-errors and
// fix-it application; the adapter only forwards matchers, options and
// findings between clang-tidy and the core check it wraps. There is no check
// logic here.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_TIDY_TIDYCHECKADAPTER_H
#define RCUBOX_TIDY_TIDYCHECKADAPTER_H

#include "clang-tidy/ClangTidyCheck.h"
#include "core/Check.h"
#include "core/model/UserModel.h"
#include <memory>
#include <optional>

namespace rcubox::tidy {

class TidyCheckAdapter final : public clang::tidy::ClangTidyCheck,
                               private Reporter {
public:
  TidyCheckAdapter(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
  ~TidyCheckAdapter() override;

  void registerPPCallbacks(const clang::SourceManager &SM,
                           clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  void report(llvm::StringRef CheckName, const Finding &F) override;

  CheckOptions Options; // "<check>.<Option>", as the core reads them.
  /// .rcubox.yaml's Model, bound to the unit from its first match to its end.
  model::UserModel Model;
  std::optional<model::UserModelScope> BoundModel;
  std::unique_ptr<Check> Core;
  const clang::SourceManager *SM = nullptr;
  clang::ASTContext *Context = nullptr;
};

} // namespace rcubox::tidy

#endif // RCUBOX_TIDY_TIDYCHECKADAPTER_H
