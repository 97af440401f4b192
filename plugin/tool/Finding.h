//===- Finding.h - Findings detached from the AST, for output ---*- C++ -*-===//
//
// rcu-check runs many translation units (in parallel) and writes their
// findings once at the end, as text, JSON or SARIF. A core Finding holds
// SourceLocations that die with their translation unit; a StoredFinding holds
// file paths, lines and columns instead.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_TOOL_FINDING_H
#define RCUBOX_TOOL_FINDING_H

#include <string>
#include <vector>

namespace rcubox::tool {

/// A point in a file. Line and Column are 1-based (Column counts bytes, as
/// Clang's diagnostics do); Offset is the 0-based byte offset.
struct SourcePoint {
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned Offset = 0;
};

/// A half-open range [Begin, End) in one file; File is an absolute path.
struct SourceSpan {
  std::string File;
  SourcePoint Begin;
  SourcePoint End;
  bool valid() const { return !File.empty() && Begin.Line != 0; }
};

/// Replace the bytes of Where with Replacement.
struct FixEdit {
  SourceSpan Where;
  std::string Replacement;
};

struct StoredNote {
  SourceSpan Where; ///< Begins at the caret, spans its token.
  SourceSpan Range; ///< The highlighted source range, if any.
  std::string Message;
  std::vector<FixEdit> Fixes;
};

struct StoredFinding {
  std::string Check;    ///< "rcu-borrow-escape"
  bool IsError = false; ///< Promoted by warnings-as-errors.
  std::string Message;  ///< Without the " [check]" suffix.
  SourceSpan Where;     ///< Begins at the caret, spans its token.
  SourceSpan Range;     ///< The highlighted source range, if any.
  std::vector<StoredNote> Notes;
  std::vector<FixEdit> Fixes;
  std::string MainFile; ///< The translation unit it was found in.
};

} // namespace rcubox::tool

#endif // RCUBOX_TOOL_FINDING_H
