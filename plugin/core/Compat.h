//===- Compat.h - The LLVM-version-specific calls, in one place -*- C++ -*-===//
//
// Everything the analysis needs from Clang that changed between the LLVM
// releases rcubox supports goes through here.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_COMPAT_H
#define RCUBOX_CORE_COMPAT_H

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "llvm/Config/llvm-config.h"
#include <string>

#if LLVM_VERSION_MAJOR >= 22
#include "clang/Analysis/Analyses/LifetimeSafety/LifetimeAnnotations.h"
#endif

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

// Lifetime annotations, as Clang itself reads them (implicit [[gsl::Owner]]
// and [[gsl::Pointer]] on std types, lifetimebound merged over redecls).
#if LLVM_VERSION_MAJOR >= 22
using clang::lifetimes::getDeclWithMergedLifetimeBoundAttrs;
using clang::lifetimes::implicitObjectParamIsLifetimeBound;
using clang::lifetimes::isGslOwnerType;
using clang::lifetimes::isGslPointerType;
using clang::lifetimes::isInStlNamespace;
#else
inline bool isInStlNamespace(const clang::Decl *D) {
  const clang::DeclContext *DC = D->getDeclContext();
  if (!DC)
    return false;
  if (const auto *ND = llvm::dyn_cast<clang::NamespaceDecl>(DC))
    if (const clang::IdentifierInfo *II = ND->getIdentifier())
      if (II->getName() == "__gnu_cxx" || II->getName() == "__cxx11")
        return true;
  return DC->isStdNamespace();
}
/// True if the class (or the template it was instantiated from) has AttrT.
template <class AttrT> bool patternHasAttr(clang::QualType T) {
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (const auto *Spec =
          llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(RD))
    RD = Spec->getSpecializedTemplate()->getTemplatedDecl();
  return RD->hasAttr<AttrT>();
}
inline bool isGslPointerType(clang::QualType T) {
  return patternHasAttr<clang::PointerAttr>(T);
}
inline bool isGslOwnerType(clang::QualType T) {
  return patternHasAttr<clang::OwnerAttr>(T);
}
inline const clang::FunctionDecl *
getDeclWithMergedLifetimeBoundAttrs(const clang::FunctionDecl *FD) {
  return FD;
}
inline bool implicitObjectParamIsLifetimeBound(const clang::FunctionDecl *FD) {
  const clang::TypeSourceInfo *TSI = FD->getTypeSourceInfo();
  if (!TSI)
    return false;
  for (clang::TypeLoc TL = TSI->getTypeLoc();;) {
    auto ATL = TL.getAsAdjusted<clang::AttributedTypeLoc>();
    if (!ATL)
      return false;
    if (ATL.getAttrAs<clang::LifetimeBoundAttr>())
      return true;
    TL = ATL.getModifiedLoc();
  }
}
#endif

/// A TextDiagnosticPrinter that owns its options: LLVM 21 turned the
/// ref-counted DiagnosticOptions pointer into a reference to a plain object.
#if LLVM_VERSION_MAJOR >= 21
struct DiagnosticOptionsHolder {
  clang::DiagnosticOptions Storage;
  clang::DiagnosticOptions &options() { return Storage; }
};
#else
struct DiagnosticOptionsHolder {
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> Storage =
      new clang::DiagnosticOptions();
  clang::DiagnosticOptions *options() { return Storage.get(); }
};
#endif
class OwningTextDiagnosticPrinter : private DiagnosticOptionsHolder,
                                    public clang::TextDiagnosticPrinter {
public:
  explicit OwningTextDiagnosticPrinter(llvm::raw_ostream &OS)
      : clang::TextDiagnosticPrinter(OS, options()) {}
};

} // namespace rcubox::compat

#endif // RCUBOX_CORE_COMPAT_H
