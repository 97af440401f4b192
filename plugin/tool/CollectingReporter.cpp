//===- CollectingReporter.cpp - Findings kept for later output ------------===//

#include "tool/CollectingReporter.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace rcubox::tool {

/// Where a location is shown, as Clang's own diagnostics choose it: the
/// spelling of a macro argument, the expansion of a macro body.
static SourceLocation shownLoc(const SourceManager &SM, SourceLocation Loc) {
  return SM.getFileLoc(Loc);
}

static SourcePoint pointOf(const SourceManager &SM, SourceLocation Loc) {
  SourcePoint P;
  P.Line = SM.getSpellingLineNumber(Loc);
  P.Column = SM.getSpellingColumnNumber(Loc);
  P.Offset = SM.getFileOffset(Loc);
  return P;
}

static std::string absolutePath(const SourceManager &SM, SourceLocation Loc) {
  OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc));
  if (!File)
    return {};
  llvm::SmallString<256> Path(File->getName());
  // The file system knows the compile command's directory; the file
  // manager's own options do not.
  if (SM.getFileManager().getVirtualFileSystem().makeAbsolute(Path))
    SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return Path.str().str();
}

SourceSpan CollectingReporter::spanOf(CharSourceRange Range) const {
  SourceSpan S;
  if (Range.isInvalid())
    return S;
  CharSourceRange Chars = Lexer::makeFileCharRange(Range, *SM, LO);
  if (Chars.isInvalid())
    return S;
  S.File = absolutePath(*SM, Chars.getBegin());
  S.Begin = pointOf(*SM, Chars.getBegin());
  S.End = pointOf(*SM, Chars.getEnd());
  return S;
}

SourceSpan CollectingReporter::spanOf(SourceLocation Loc) const {
  SourceLocation At = shownLoc(*SM, Loc);
  SourceSpan S;
  S.File = absolutePath(*SM, At);
  S.Begin = pointOf(*SM, At);
  unsigned Length = Lexer::MeasureTokenLength(At, *SM, LO);
  S.End = pointOf(*SM, At.getLocWithOffset(Length));
  return S;
}

std::vector<FixEdit>
CollectingReporter::fixesOf(llvm::ArrayRef<FixItHint> Hints) const {
  std::vector<FixEdit> Edits;
  for (const FixItHint &Hint : Hints) {
    if (Hint.InsertFromRange.isValid())
      continue; // Not produced by rcubox's checks.
    FixEdit E{spanOf(Hint.RemoveRange), Hint.CodeToInsert};
    if (E.Where.valid())
      Edits.push_back(std::move(E));
  }
  return Edits;
}

void CollectingReporter::report(llvm::StringRef CheckName, const Finding &F) {
  if (!SM || !isReportable(*SM, F, CheckName))
    return;
  StoredFinding S;
  S.Check = CheckName.str();
  S.IsError = C.isError(CheckName);
  S.Message = F.Message;
  S.Where = spanOf(F.Loc);
  if (!F.Ranges.empty())
    S.Range = spanOf(CharSourceRange::getTokenRange(F.Ranges[0]));
  S.Fixes = fixesOf(F.FixIts);
  S.MainFile = MainFile;
  for (const Note &N : F.Notes) {
    if (N.Loc.isInvalid())
      continue;
    StoredNote Stored;
    Stored.Where = spanOf(N.Loc);
    if (N.Range.isValid())
      Stored.Range = spanOf(CharSourceRange::getTokenRange(N.Range));
    Stored.Message = N.Message;
    Stored.Fixes = fixesOf(N.FixIts);
    S.Notes.push_back(std::move(Stored));
  }
  Found.push_back(std::move(S));
}

} // namespace rcubox::tool
