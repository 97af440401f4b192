//===- Reporter.h - Where checks send their findings ------------*- C++ -*-===//
//
// Checks describe what they found as a Finding (a warning with its notes and
// fix-its); each front end decides how to emit it: the compiler plugin through
// custom diagnostics, clang-tidy through its own diagnostic engine.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_REPORTER_H
#define RCUBOX_CORE_REPORTER_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace rcubox {

struct Note {
  clang::SourceLocation Loc;
  std::string Message;
  clang::SourceRange Range = {};
  llvm::SmallVector<clang::FixItHint, 2> FixIts = {};
};

struct Finding {
  clang::SourceLocation Loc;
  std::string Message;
  llvm::SmallVector<clang::SourceRange, 1> Ranges;
  llvm::SmallVector<Note, 4> Notes;
  llvm::SmallVector<clang::FixItHint, 1> FixIts;
};

class Reporter {
public:
  virtual ~Reporter();
  virtual void report(llvm::StringRef CheckName, const Finding &F) = 0;
};

/// The filter every front end applies before emitting a finding: not in a
/// system header, not suppressed by a NOLINT comment.
bool isReportable(const clang::SourceManager &SM, const Finding &F,
                  llvm::StringRef CheckName);

/// Emits findings as Clang diagnostics ending in "[check-name]". Custom
/// diagnostic IDs ignore -Werror and -w since Clang 20, so this applies the
/// compilation's settings (and the configured warnings-as-errors) itself, and
/// honours NOLINT comments as clang-tidy does.
class DiagnosticReporter final : public Reporter {
public:
  /// Findings of checks matching the glob list \p WarningsAsErrors are
  /// errors; with -Werror, all are.
  DiagnosticReporter(clang::DiagnosticsEngine &Diags,
                     const clang::SourceManager &SM,
                     std::string WarningsAsErrors);
  void report(llvm::StringRef CheckName, const Finding &F) override;

private:
  unsigned idFor(clang::DiagnosticIDs::Level Level, llvm::StringRef CheckName);

  clang::DiagnosticsEngine &Diags;
  const clang::SourceManager &SM;
  std::string WarningsAsErrors;
  bool AllErrors;
  llvm::DenseMap<std::pair<unsigned, llvm::StringRef>, unsigned> IDs;
  llvm::SmallVector<std::string, 4> CheckNames; // Owns IDs' keys.
};

} // namespace rcubox

#endif // RCUBOX_CORE_REPORTER_H
