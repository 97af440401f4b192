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

/// Looks for Marker in Line; a bare marker suppresses everything, one with a
/// parenthesised list suppresses the checks it names.
static bool lineSuppresses(StringRef Line, StringRef Marker,
                           StringRef CheckName) {
  size_t Pos = 0;
  while ((Pos = Line.find(Marker, Pos)) != StringRef::npos) {
    StringRef Rest = Line.substr(Pos + Marker.size());
    Pos += Marker.size();
    // NOLINT must not match the prefix of NOLINTNEXTLINE/NOLINTBEGIN.
    if (!Rest.empty() && (isalnum(Rest[0]) || Rest[0] == '_'))
      continue;
    if (!Rest.consume_front("("))
      return true;
    size_t Close = Rest.find(')');
    if (Close == StringRef::npos)
      return true;
    if (matchesCheckGlobList(Rest.take_front(Close), CheckName))
      return true;
  }
  return false;
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

bool isSuppressedByNolint(const SourceManager &SM, SourceLocation Loc,
                          StringRef CheckName) {
  if (Loc.isInvalid())
    return false;
  Loc = SM.getExpansionLoc(Loc);
  FileID File = SM.getFileID(Loc);
  unsigned Line = SM.getExpansionLineNumber(Loc);
  if (lineSuppresses(lineText(SM, File, Line), "NOLINT", CheckName))
    return true;
  return Line > 1 && lineSuppresses(lineText(SM, File, Line - 1),
                                    "NOLINTNEXTLINE", CheckName);
}

} // namespace rcubox
