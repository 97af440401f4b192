//===- CollectingReporter.h - Findings kept for later output ----*- C++ -*-===//
#ifndef RCUBOX_TOOL_COLLECTINGREPORTER_H
#define RCUBOX_TOOL_COLLECTINGREPORTER_H

#include "core/Config.h"
#include "core/Reporter.h"
#include "tool/Finding.h"
#include "clang/Basic/LangOptions.h"
#include <vector>

namespace clang {
class SourceManager;
}

namespace rcubox::tool {

/// Applies the same filter as the other front ends (system headers, NOLINT)
/// and turns each finding into a StoredFinding while its SourceManager lives.
class CollectingReporter final : public Reporter {
public:
  CollectingReporter(const Config &C, std::string MainFile)
      : C(C), MainFile(std::move(MainFile)) {}

  /// Called by the frontend action once the source manager exists.
  void beginSourceFile(const clang::SourceManager &SM,
                       const clang::LangOptions &LO) {
    this->SM = &SM;
    this->LO = LO;
  }

  void report(llvm::StringRef CheckName, const Finding &F) override;

  std::vector<StoredFinding> take() { return std::move(Found); }

private:
  SourceSpan spanOf(clang::SourceLocation Loc) const;
  SourceSpan spanOf(clang::CharSourceRange Range) const;
  std::vector<FixEdit> fixesOf(llvm::ArrayRef<clang::FixItHint> Hints) const;

  const Config &C;
  std::string MainFile;
  const clang::SourceManager *SM = nullptr;
  clang::LangOptions LO;
  std::vector<StoredFinding> Found;
};

} // namespace rcubox::tool

#endif // RCUBOX_TOOL_COLLECTINGREPORTER_H
