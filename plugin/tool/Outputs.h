//===- Outputs.h - rcu-check's output formats -------------------*- C++ -*-===//
#ifndef RCUBOX_TOOL_OUTPUTS_H
#define RCUBOX_TOOL_OUTPUTS_H

#include "tool/Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace rcubox::tool {

struct OutputOptions {
  /// Paths under this directory are written relative to it, against the
  /// SARIF base id %SRCROOT%; others stay absolute file: URIs.
  std::string SourceRoot;
  /// rcubox's version, "0.1.0".
  std::string ToolVersion;
  /// Base URL of the check pages: <DocsUrl>/<check>.md.
  std::string DocsUrl;
};

/// Clang's text format: "file:line:col: warning: message [check]", the
/// source line with a caret, then the notes.
void writeText(llvm::raw_ostream &OS, llvm::ArrayRef<StoredFinding> Findings,
               bool Color);

/// A JSON array with one object per finding (see docs/rcu-check.md).
void writeJson(llvm::raw_ostream &OS, llvm::ArrayRef<StoredFinding> Findings,
               const OutputOptions &Opts);

/// SARIF 2.1.0, as GitHub code scanning accepts it.
void writeSarif(llvm::raw_ostream &OS, llvm::ArrayRef<StoredFinding> Findings,
                const OutputOptions &Opts);

/// clang-tidy's --export-fixes YAML (clang-apply-replacements reads it).
void writeFixes(llvm::raw_ostream &OS, llvm::ArrayRef<StoredFinding> Findings);

} // namespace rcubox::tool

#endif // RCUBOX_TOOL_OUTPUTS_H
