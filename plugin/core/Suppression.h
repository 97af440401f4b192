//===- Suppression.h - NOLINT comments, as clang-tidy reads them -*- C++
//-*-===//
#ifndef RCUBOX_CORE_SUPPRESSION_H
#define RCUBOX_CORE_SUPPRESSION_H

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"

namespace rcubox {

/// True if \p Loc's line carries `NOLINT` or `NOLINT(<checks>)`, the line
/// before carries `NOLINTNEXTLINE[(<checks>)]`, or the line lies between
/// `NOLINTBEGIN[(<checks>)]` and its `NOLINTEND`, naming \p CheckName (a `*`
/// glob is allowed, as in clang-tidy). Macro locations use their expansion.
bool isSuppressedByNolint(const clang::SourceManager &SM,
                          clang::SourceLocation Loc, llvm::StringRef CheckName);

/// True if \p Name matches a comma-separated clang-tidy style glob list.
bool matchesCheckGlobList(llvm::StringRef GlobList, llvm::StringRef Name);

} // namespace rcubox

#endif // RCUBOX_CORE_SUPPRESSION_H
