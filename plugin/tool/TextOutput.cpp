//===- TextOutput.cpp - Findings in Clang's diagnostic format -------------===//

#include "tool/Outputs.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <map>
#include <memory>

namespace rcubox::tool {
namespace {

/// Reads each file once, for the source lines under the messages.
class SourceLines {
public:
  llvm::StringRef line(const std::string &File, unsigned Line) {
    auto &Buffer = Files[File];
    if (!Buffer) {
      auto Read = llvm::MemoryBuffer::getFile(File);
      if (!Read)
        return {};
      Buffer = std::move(*Read);
    }
    llvm::StringRef Text = Buffer->getBuffer();
    for (unsigned N = 1; N < Line && !Text.empty(); ++N)
      Text = Text.split('\n').second;
    return Text.split('\n').first.rtrim("\r");
  }

private:
  std::map<std::string, std::unique_ptr<llvm::MemoryBuffer>> Files;
};

/// The path as the user would type it: relative below the current directory.
std::string shownPath(const std::string &File) {
  llvm::SmallString<256> Cwd;
  if (!llvm::sys::fs::current_path(Cwd)) {
    llvm::StringRef Rest = File;
    if (Rest.consume_front(Cwd) && Rest.consume_front("/"))
      return Rest.str();
  }
  return File;
}

void writeOne(llvm::raw_ostream &OS, SourceLines &Lines, const SourceSpan &At,
              const SourceSpan &Range, llvm::StringRef Kind,
              llvm::raw_ostream::Colors KindColor, const llvm::Twine &Message,
              bool Color) {
  if (Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << shownPath(At.File) << ":" << At.Begin.Line << ":" << At.Begin.Column
     << ": ";
  if (Color)
    OS.changeColor(KindColor, /*Bold=*/true);
  OS << Kind << ": ";
  if (Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << Message << "\n";
  if (Color)
    OS.resetColor();
  llvm::StringRef Text = Lines.line(At.File, At.Begin.Line);
  if (Text.empty())
    return;
  OS << Text << "\n";
  // Clang's marker line: '~' under the range on this line, '^' at the caret.
  std::string Caret(std::max<size_t>(Text.size(), At.Begin.Column), ' ');
  if (Range.valid() && Range.File == At.File &&
      Range.Begin.Line <= At.Begin.Line && At.Begin.Line <= Range.End.Line) {
    unsigned From = Range.Begin.Line == At.Begin.Line ? Range.Begin.Column : 1;
    unsigned To =
        Range.End.Line == At.Begin.Line ? Range.End.Column : Text.size() + 1;
    for (unsigned C = From; C < To && C <= Caret.size(); ++C)
      Caret[C - 1] = '~';
  }
  Caret[At.Begin.Column - 1] = '^';
  for (unsigned I = 0; I < Text.size() && I < Caret.size(); ++I)
    if (Text[I] == '\t' && Caret[I] == ' ')
      Caret[I] = '\t';
  Caret = llvm::StringRef(Caret).rtrim(' ').str();
  if (Color)
    OS.changeColor(llvm::raw_ostream::GREEN, /*Bold=*/true);
  OS << Caret << "\n";
  if (Color)
    OS.resetColor();
}

} // namespace

void writeText(llvm::raw_ostream &OS, llvm::ArrayRef<StoredFinding> Findings,
               bool Color) {
  SourceLines Lines;
  for (const StoredFinding &F : Findings) {
    writeOne(OS, Lines, F.Where, F.Range, F.IsError ? "error" : "warning",
             F.IsError ? llvm::raw_ostream::RED : llvm::raw_ostream::MAGENTA,
             F.Message + " [" + F.Check + "]", Color);
    for (const StoredNote &N : F.Notes)
      writeOne(OS, Lines, N.Where, N.Range, "note", llvm::raw_ostream::BLACK,
               N.Message, Color);
  }
}

} // namespace rcubox::tool
