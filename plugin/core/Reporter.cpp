//===- Reporter.cpp - Where checks send their findings --------------------===//

#include "core/Reporter.h"
#include "core/Compat.h"
#include "core/Suppression.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace rcubox {

Reporter::~Reporter() = default;

bool isReportable(const SourceManager &SM, const Finding &F,
                  StringRef CheckName) {
  if (F.Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(F.Loc)))
    return false;
  return !isSuppressedByNolint(SM, F.Loc, CheckName);
}

DiagnosticReporter::DiagnosticReporter(DiagnosticsEngine &Diags,
                                       const SourceManager &SM,
                                       std::string WarningsAsErrors)
    : Diags(Diags), SM(SM), WarningsAsErrors(std::move(WarningsAsErrors)),
      AllErrors(Diags.getWarningsAsErrors()) {}

unsigned DiagnosticReporter::idFor(DiagnosticIDs::Level Level,
                                   StringRef CheckName) {
  auto It = llvm::find(CheckNames, CheckName);
  if (It == CheckNames.end()) {
    CheckNames.push_back(CheckName.str());
    It = std::prev(CheckNames.end());
  }
  auto Key = std::make_pair(unsigned(Level), StringRef(*It));
  auto [Slot, Inserted] = IDs.try_emplace(Key, 0);
  if (Inserted) {
    std::string Format =
        Level == DiagnosticIDs::Note ? "%0" : "%0 [" + CheckName.str() + "]";
    Slot->second = compat::getCustomDiagID(Diags, Level, Format);
  }
  return Slot->second;
}

void DiagnosticReporter::report(StringRef CheckName, const Finding &F) {
  if (Diags.getIgnoreAllWarnings() || !isReportable(SM, F, CheckName))
    return;
  bool IsError = AllErrors || matchesCheckGlobList(WarningsAsErrors, CheckName);
  auto Level = IsError ? DiagnosticIDs::Error : DiagnosticIDs::Warning;
  {
    DiagnosticBuilder B = Diags.Report(F.Loc, idFor(Level, CheckName));
    B << F.Message;
    for (SourceRange R : F.Ranges)
      B << R;
    for (const FixItHint &Fix : F.FixIts)
      B << Fix;
  }
  for (const Note &N : F.Notes) {
    if (N.Loc.isInvalid())
      continue;
    DiagnosticBuilder B =
        Diags.Report(N.Loc, idFor(DiagnosticIDs::Note, CheckName));
    B << N.Message;
    if (N.Range.isValid())
      B << N.Range;
    for (const FixItHint &Fix : N.FixIts)
      B << Fix;
  }
}

} // namespace rcubox
