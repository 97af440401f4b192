//===- Reporter.cpp - Where checks send their findings --------------------===//

#include "core/Reporter.h"
#include "core/Compat.h"
#include "core/Suppression.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace rcubox {

Reporter::~Reporter() = default;

DiagnosticReporter::DiagnosticReporter(DiagnosticsEngine &Diags,
                                       const SourceManager &SM,
                                       bool WarningsAsErrors)
    : Diags(Diags), SM(SM),
      WarningsAsErrors(WarningsAsErrors || Diags.getWarningsAsErrors()) {}

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
  if (Diags.getIgnoreAllWarnings() || F.Loc.isInvalid())
    return;
  if (SM.isInSystemHeader(SM.getExpansionLoc(F.Loc)))
    return;
  if (isSuppressedByNolint(SM, F.Loc, CheckName))
    return;
  auto Level = WarningsAsErrors ? DiagnosticIDs::Error : DiagnosticIDs::Warning;
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
