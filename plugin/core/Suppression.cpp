//===- Suppression.cpp - NOLINT comments, as clang-tidy reads them --------===//

#include "core/Suppression.h"
#include "llvm/Support/GlobPattern.h"

using namespace clang;

namespace rcubox {

bool matchesCheckGlobList(StringRef GlobList, StringRef Name) {
  bool Matched = false;
  llvm::SmallVector<StringRef, 4> Items;
  GlobList.split(Items, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef Item : Items) {
    Item = Item.trim();
    bool Negative = Item.consume_front("-");
    auto Pattern = llvm::GlobPattern::create(Item);
    if (!Pattern) {
      llvm::consumeError(Pattern.takeError());
      continue;
    }
    if (Pattern->match(Name))
      Matched = !Negative;
  }
  return Matched;
}

/// Calls \p Found with the check list ("*" when bare) of every Marker in Line.
template <class Fn>
static void forEachMarker(StringRef Line, StringRef Marker, Fn Found) {
  size_t Pos = 0;
  while ((Pos = Line.find(Marker, Pos)) != StringRef::npos) {
    StringRef Rest = Line.substr(Pos + Marker.size());
    Pos += Marker.size();
    // NOLINT must not match the prefix of NOLINTNEXTLINE/NOLINTBEGIN.
    if (!Rest.empty() && (isalnum(Rest[0]) || Rest[0] == '_'))
      continue;
    size_t Close = Rest.find(')');
    if (!Rest.consume_front("(") || Close == StringRef::npos)
      Found("*");
    else
      Found(Rest.take_front(Close - 1));
  }
}

/// Looks for Marker in Line; a bare marker suppresses everything, one with a
/// parenthesised list suppresses the checks it names.
static bool lineSuppresses(StringRef Line, StringRef Marker,
                           StringRef CheckName) {
  bool Suppressed = false;
  forEachMarker(Line, Marker, [&](StringRef Checks) {
    Suppressed |= matchesCheckGlobList(Checks, CheckName);
  });
  return Suppressed;
}

/// True if a NOLINTBEGIN before \p Line that names \p CheckName has no
/// matching NOLINTEND before it. An END closes the latest BEGIN with the same
/// check list, as clang-tidy pairs them.
static bool insideNolintBlock(StringRef Buffer, unsigned Line,
                              StringRef CheckName) {
  if (!Buffer.contains("NOLINTBEGIN"))
    return false;
  llvm::SmallVector<StringRef, 4> Open;
  for (unsigned N = 1; N <= Line && !Buffer.empty(); ++N) {
    auto [Text, Rest] = Buffer.split('\n');
    Buffer = Rest;
    forEachMarker(Text, "NOLINTBEGIN",
                  [&](StringRef Checks) { Open.push_back(Checks); });
    if (N == Line)
      break; // An END on the finding's own line still covers it.
    forEachMarker(Text, "NOLINTEND", [&](StringRef Checks) {
      auto It = llvm::find(llvm::reverse(Open), Checks);
      if (It != Open.rend())
        Open.erase(std::next(It).base());
    });
  }
  return llvm::any_of(Open, [&](StringRef Checks) {
    return matchesCheckGlobList(Checks, CheckName);
  });
}

static StringRef lineText(const SourceManager &SM, FileID File, unsigned Line) {
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || Line == 0)
    return {};
  SourceLocation Start = SM.translateLineCol(File, Line, 1);
  unsigned Offset = SM.getFileOffset(Start);
  StringRef FromLine = Buffer.substr(Offset);
  return FromLine.take_until([](char C) { return C == '\n'; });
}

/// True if a NOLINT comment covers the line of the file location \p Loc.
static bool suppressedAtFileLoc(const SourceManager &SM, SourceLocation Loc,
                                StringRef CheckName) {
  FileID File = SM.getFileID(Loc);
  unsigned Line = SM.getSpellingLineNumber(Loc);
  if (lineSuppresses(lineText(SM, File, Line), "NOLINT", CheckName))
    return true;
  if (Line > 1 &&
      lineSuppresses(lineText(SM, File, Line - 1), "NOLINTNEXTLINE", CheckName))
    return true;
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(File, &Invalid);
  return !Invalid && insideNolintBlock(Buffer, Line, CheckName);
}

bool isSuppressedByNolint(const SourceManager &SM, SourceLocation Loc,
                          StringRef CheckName) {
  if (Loc.isInvalid())
    return false;
  // A finding inside a macro argument is also covered where the argument is
  // written: a NOLINT in a multi-line `EXPECT_DEATH({ ... })` block sits on
  // the argument's line, not on the line the macro is expanded from.
  if (Loc.isMacroID() && SM.isMacroArgExpansion(Loc)) {
    SourceLocation Written = SM.getSpellingLoc(Loc);
    if (Written.isFileID() && suppressedAtFileLoc(SM, Written, CheckName))
      return true;
  }
  return suppressedAtFileLoc(SM, SM.getExpansionLoc(Loc), CheckName);
}

} // namespace rcubox
