//===- Compat.h - The LLVM-version-specific calls, in one place -*- C++ -*-===//
//
// Everything the analysis needs from Clang that changed between the LLVM
// releases rcubox supports goes through here.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_COMPAT_H
#define RCUBOX_CORE_COMPAT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "llvm/ADT/ArrayRef.h"
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

/// The canonical type of a class, struct, union or enum declaration.
inline clang::QualType getCanonicalTagType(const clang::ASTContext &Ctx,
                                           const clang::TagDecl *TD) {
#if LLVM_VERSION_MAJOR >= 22
  return Ctx.getCanonicalTagType(TD);
#else
  return Ctx.getCanonicalType(Ctx.getTagDeclType(TD));
#endif
}

/// The type \p TL names as written, with its qualifier (`rcu::RcuBox<T>`).
/// Clang 22 keeps the qualifier in the type itself; older releases wrap the
/// type in an ElaboratedType, whose location \p Parent then is.
inline clang::QualType writtenType(clang::TypeLoc TL, clang::TypeLoc Parent) {
#if LLVM_VERSION_MAJOR < 22
  if (!Parent.isNull())
    if (auto ETL = Parent.getAs<clang::ElaboratedTypeLoc>())
      if (ETL.getNamedTypeLoc() == TL)
        return ETL.getType();
#else
  (void)Parent;
#endif
  return TL.getType();
}

// Lifetime annotations, as Clang itself reads them (implicit [[gsl::Owner]]
// and [[gsl::Pointer]] on std types, lifetimebound merged over redecls).
// Before LLVM 22 these queries were private to Sema; the fallbacks below
// answer as LLVM 22's do.
#if LLVM_VERSION_MAJOR >= 22
using clang::lifetimes::getDeclWithMergedLifetimeBoundAttrs;
using clang::lifetimes::implicitObjectParamIsLifetimeBound;
using clang::lifetimes::isGslOwnerType;
using clang::lifetimes::isGslPointerType;
using clang::lifetimes::isInStlNamespace;

/// True if P is [[clang::lifetimebound]], here or on an earlier declaration
/// of its function (Clang merges the attribute into redeclarations).
inline bool hasLifetimeBound(const clang::ParmVarDecl *P) {
  return P->hasAttr<clang::LifetimeBoundAttr>();
}
#else
/// True for declarations in namespace std, or in a namespace reserved to the
/// implementation (__gnu_cxx, __detail, _V2), where library iterators live.
inline bool isInStlNamespace(const clang::Decl *D) {
  const clang::DeclContext *DC = D->getDeclContext();
  if (!DC)
    return false;
  if (const auto *ND = llvm::dyn_cast<clang::NamespaceDecl>(DC))
    if (const clang::IdentifierInfo *II = ND->getIdentifier()) {
      llvm::StringRef Name = II->getName();
      if (Name.size() >= 2 && Name[0] == '_' &&
          (Name[1] == '_' || (Name[1] >= 'A' && Name[1] <= 'Z')))
        return true;
    }
  return DC->isStdNamespace();
}
/// True if the class, or the template it was instantiated from, has AttrT.
template <class AttrT> bool classOrPatternHasAttr(clang::QualType T) {
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (RD->hasAttr<AttrT>())
    return true;
  const auto *Spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(RD);
  return Spec &&
         Spec->getSpecializedTemplate()->getTemplatedDecl()->hasAttr<AttrT>();
}
inline bool isGslPointerType(clang::QualType T) {
  return classOrPatternHasAttr<clang::PointerAttr>(T);
}
inline bool isGslOwnerType(clang::QualType T) {
  return classOrPatternHasAttr<clang::OwnerAttr>(T);
}
/// The declaration whose parameters carry every lifetimebound: the latest.
/// Clang 19 does not merge the attribute, so query parameters with
/// hasLifetimeBound, which looks at the earlier declarations itself.
inline const clang::FunctionDecl *
getDeclWithMergedLifetimeBoundAttrs(const clang::FunctionDecl *FD) {
  return FD ? FD->getMostRecentDecl() : nullptr;
}
inline bool hasLifetimeBound(const clang::ParmVarDecl *P) {
  if (P->hasAttr<clang::LifetimeBoundAttr>())
    return true;
  const auto *FD = llvm::dyn_cast<clang::FunctionDecl>(P->getDeclContext());
  if (!FD)
    return false;
  unsigned Idx = P->getFunctionScopeIndex();
  for (const clang::FunctionDecl *Prev = FD->getPreviousDecl(); Prev;
       Prev = Prev->getPreviousDecl())
    if (Idx < Prev->getNumParams() &&
        Prev->getParamDecl(Idx)->hasAttr<clang::LifetimeBoundAttr>())
      return true;
  return false;
}
/// An assignment operator returning its left operand by reference.
inline bool isNormalAssignmentOperator(const clang::FunctionDecl *FD) {
  clang::OverloadedOperatorKind OO =
      FD->getDeclName().getCXXOverloadedOperator();
  if (OO != clang::OO_Equal && !clang::isCompoundAssignmentOperator(OO))
    return false;
  clang::QualType Ret = FD->getReturnType();
  if (!Ret->isLValueReferenceType())
    return false;
  clang::ASTContext &Ctx = FD->getASTContext();
  clang::QualType LHS;
  const auto *MD = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
  if (MD && MD->isCXXInstanceMember())
    LHS = Ctx.getLValueReferenceType(MD->getFunctionObjectParameterType());
  else if (FD->getNumParams() > 0)
    LHS = FD->getParamDecl(0)->getType();
  else
    return false;
  return Ctx.hasSameType(Ret, LHS);
}
/// `this` is lifetimebound: written on the function type of any declaration,
/// or implied for an assignment operator returning *this.
inline bool implicitObjectParamIsLifetimeBound(const clang::FunctionDecl *FD) {
  for (const clang::FunctionDecl *Redecl : FD->redecls()) {
    const clang::TypeSourceInfo *TSI = Redecl->getTypeSourceInfo();
    if (!TSI)
      continue;
    for (clang::TypeLoc TL = TSI->getTypeLoc();;) {
      auto ATL = TL.getAsAdjusted<clang::AttributedTypeLoc>();
      if (!ATL)
        break;
      if (ATL.getAttrAs<clang::LifetimeBoundAttr>())
        return true;
      TL = ATL.getModifiedLoc();
    }
  }
  return isNormalAssignmentOperator(FD);
}
#endif

// [[clang::lifetime_capture_by(X)]] (Clang 20 and later): the argument for
// the parameter is kept by X, an index into the call's arguments or one of
// the targets below. Clang 19 has no such attribute, so nothing captures.
#if LLVM_VERSION_MAJOR >= 20
inline constexpr int CaptureThis = clang::LifetimeCaptureByAttr::This;
inline constexpr int CaptureUnknown = clang::LifetimeCaptureByAttr::Unknown;
inline constexpr int CaptureGlobal = clang::LifetimeCaptureByAttr::Global;

inline bool hasLifetimeCaptureBy(const clang::ParmVarDecl *P) {
  return P->hasAttr<clang::LifetimeCaptureByAttr>();
}
inline llvm::ArrayRef<int> lifetimeCaptureTargets(const clang::ParmVarDecl *P) {
  if (const auto *A = P->getAttr<clang::LifetimeCaptureByAttr>())
    return {A->params_begin(), A->params_end()};
  return {};
}
#else
inline constexpr int CaptureThis = 0;
inline constexpr int CaptureUnknown = -2;
inline constexpr int CaptureGlobal = -3;

inline bool hasLifetimeCaptureBy(const clang::ParmVarDecl *) { return false; }
inline llvm::ArrayRef<int> lifetimeCaptureTargets(const clang::ParmVarDecl *) {
  return {};
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
