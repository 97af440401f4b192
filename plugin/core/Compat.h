//===- Compat.h - The LLVM-version-specific calls, in one place -*- C++ -*-===//
//
// Everything the analysis needs from Clang that changed between the LLVM
// releases rcubox supports goes through here.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_COMPAT_H
#define RCUBOX_CORE_COMPAT_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "llvm/Config/llvm-config.h"
#include <string>

namespace rcubox::compat {

inline unsigned getCustomDiagID(clang::DiagnosticsEngine &Diags,
                                clang::DiagnosticIDs::Level Level,
                                const std::string &Format) {
#if LLVM_VERSION_MAJOR >= 20
  using clang::DiagnosticIDs;
  clang::diag::Severity Severity;
  unsigned Class;
  switch (Level) {
  case DiagnosticIDs::Note:
    Severity = clang::diag::Severity::Ignored;
    Class = DiagnosticIDs::CLASS_NOTE;
    break;
  case DiagnosticIDs::Error:
  case DiagnosticIDs::Fatal:
    Severity = clang::diag::Severity::Error;
    Class = DiagnosticIDs::CLASS_ERROR;
    break;
  default:
    Severity = clang::diag::Severity::Warning;
    Class = DiagnosticIDs::CLASS_WARNING;
    break;
  }
  return Diags.getDiagnosticIDs()->getCustomDiagID(
      DiagnosticIDs::CustomDiagDesc(Severity, Format, Class));
#else
  return Diags.getDiagnosticIDs()->getCustomDiagID(Level, Format);
#endif
}

} // namespace rcubox::compat

#endif // RCUBOX_CORE_COMPAT_H
