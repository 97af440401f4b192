//===- FixesOutput.cpp - Fix-its as clang-tidy's --export-fixes YAML ------===//

#include "tool/Outputs.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/YAMLTraits.h"

using namespace clang::tooling;

namespace rcubox::tool {
namespace {

DiagnosticMessage messageAt(const SourceSpan &At, llvm::StringRef Message,
                            llvm::ArrayRef<FixEdit> Edits) {
  DiagnosticMessage M;
  M.Message = Message.str();
  M.FilePath = At.File;
  M.FileOffset = At.Begin.Offset;
  for (const FixEdit &E : Edits) {
    Replacement R(E.Where.File, E.Where.Begin.Offset,
                  E.Where.End.Offset - E.Where.Begin.Offset, E.Replacement);
    llvm::consumeError(M.Fix[E.Where.File].add(R));
  }
  return M;
}

} // namespace

void writeFixes(llvm::raw_ostream &OS, llvm::ArrayRef<StoredFinding> Findings) {
  TranslationUnitDiagnostics TU;
  TU.MainSourceFile = Findings.empty() ? "" : Findings.front().MainFile;
  for (const StoredFinding &F : Findings) {
    llvm::SmallVector<DiagnosticMessage, 1> Notes;
    for (const StoredNote &N : F.Notes)
      Notes.push_back(messageAt(N.Where, N.Message, N.Fixes));
    TU.Diagnostics.emplace_back(
        F.Check, messageAt(F.Where, F.Message, F.Fixes), Notes,
        F.IsError ? Diagnostic::Error : Diagnostic::Warning,
        /*BuildDirectory=*/"");
  }
  llvm::yaml::Output YAML(OS);
  YAML << TU;
}

} // namespace rcubox::tool
