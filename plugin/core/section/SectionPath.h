//===- SectionPath.h - One path explaining a section's depth ----*- C++ -*-===//
//
// A finding about a section ("still open when the function returns here",
// "closed when not open") is about one path through the function; its notes
// show that path: where the section was opened and closed, and the branches
// taken. SectionFlow knows the depths each point may have; this finds a path
// from the entry reaching a point with a given depth and replays it.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SECTION_SECTIONPATH_H
#define RCUBOX_CORE_SECTION_SECTIONPATH_H

#include "core/section/SectionFlow.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace rcubox::section {

/// What happened along a path, in order.
struct PathEvent {
  enum Kind { Open, Close, Branch };
  static PathEvent call(Kind What, const clang::CallExpr *Call) {
    PathEvent E;
    E.What = What;
    E.Call = Call;
    return E;
  }
  Kind What = Branch;
  /// Open, Close: the call (rcu_read_lock or a wrapper).
  const clang::CallExpr *Call = nullptr;
  /// Branch: where, and in words ("taking the true branch").
  clang::SourceLocation Loc;
  clang::SourceRange Range;
  std::string Description;
};

struct SectionPath {
  llvm::SmallVector<PathEvent, 8> Events;
  /// The calls whose sections are still open at the end of the path,
  /// outermost first.
  llvm::SmallVector<const clang::CallExpr *, 2> OpenCalls;
};

/// Where a finding about \p R is shown: where the user wrote it. liburcu's
/// calls and loops are macros spelled in its (system) headers; a location
/// inside them is the library's own code to a front end (clang-tidy drops a
/// finding whose every location is there).
clang::SourceRange writtenRange(clang::SourceRange R,
                                const clang::SourceManager &SM);

/// A path from the entry to just before element \p Index of \p Target (its
/// end if \p Index is its size) that arrives with depth \p Depth (and, if
/// \p Opened is set, with or without a section opened by the function on
/// the way), or nothing if the analysis cannot show one.
std::optional<SectionPath> findPath(const SectionFlow &Flow,
                                    const clang::CFGBlock &Target,
                                    unsigned Index, int Depth,
                                    std::optional<bool> Opened = {});

} // namespace rcubox::section

#endif // RCUBOX_CORE_SECTION_SECTIONPATH_H
