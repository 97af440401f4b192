//===- JsonOutput.cpp - Findings as a JSON array --------------------------===//

#include "tool/Outputs.h"
#include "llvm/Support/JSON.h"

namespace rcubox::tool {
namespace {

std::string relativeTo(const std::string &Root, const std::string &File) {
  llvm::StringRef Rest = File;
  if (!Root.empty() && Rest.consume_front(Root) && Rest.consume_front("/"))
    return Rest.str();
  return File;
}

llvm::json::Object span(const SourceSpan &S, const OutputOptions &Opts) {
  return llvm::json::Object{
      {"file", llvm::json::fixUTF8(relativeTo(Opts.SourceRoot, S.File))},
      {"line", S.Begin.Line},
      {"column", S.Begin.Column},
      {"endLine", S.End.Line},
      {"endColumn", S.End.Column}};
}

llvm::json::Array fixes(llvm::ArrayRef<FixEdit> Edits,
                        const OutputOptions &Opts) {
  llvm::json::Array Out;
  for (const FixEdit &E : Edits) {
    llvm::json::Object O = span(E.Where, Opts);
    O["offset"] = E.Where.Begin.Offset;
    O["length"] = E.Where.End.Offset - E.Where.Begin.Offset;
    O["replacement"] = llvm::json::fixUTF8(E.Replacement);
    Out.push_back(std::move(O));
  }
  return Out;
}

} // namespace

void writeJson(llvm::raw_ostream &OS, llvm::ArrayRef<StoredFinding> Findings,
               const OutputOptions &Opts) {
  llvm::json::Array Out;
  for (const StoredFinding &F : Findings) {
    llvm::json::Array Notes;
    for (const StoredNote &N : F.Notes) {
      llvm::json::Object Note = span(N.Where, Opts);
      Note["message"] = llvm::json::fixUTF8(N.Message);
      if (!N.Fixes.empty())
        Note["fixes"] = fixes(N.Fixes, Opts);
      Notes.push_back(std::move(Note));
    }
    llvm::json::Object O = span(F.Where, Opts);
    O["check"] = F.Check;
    O["level"] = F.IsError ? "error" : "warning";
    O["message"] = llvm::json::fixUTF8(F.Message);
    O["notes"] = std::move(Notes);
    O["fixes"] = fixes(F.Fixes, Opts);
    O["translationUnit"] = relativeTo(Opts.SourceRoot, F.MainFile);
    Out.push_back(std::move(O));
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Out))) << "\n";
}

} // namespace rcubox::tool
