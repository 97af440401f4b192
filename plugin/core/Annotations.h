//===- Annotations.h - Reading rcubox's annotate() markers ------*- C++ -*-===//
//
// The runtime and user code mark their RCU vocabulary with
// [[clang::annotate("rcu::...")]] (see runtime/include/rcu/annotations.hpp).
// The analysis finds guard types, borrowing parameters and thread-safety
// vouchers through these markers, never through hard-coded names.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_ANNOTATIONS_H
#define RCUBOX_CORE_ANNOTATIONS_H

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace rcubox {

/// Spellings of the markers, without the "rcu::" prefix.
namespace marker {
inline constexpr llvm::StringLiteral Guard = "guard";
inline constexpr llvm::StringLiteral Borrow = "borrow";
inline constexpr llvm::StringLiteral WaitsForGracePeriod =
    "waits_for_grace_period";
inline constexpr llvm::StringLiteral Send = "send";
inline constexpr llvm::StringLiteral NotSend = "not_send";
inline constexpr llvm::StringLiteral Sync = "sync";
inline constexpr llvm::StringLiteral NotSync = "not_sync";
inline constexpr llvm::StringLiteral RequiresSend = "requires_send";
inline constexpr llvm::StringLiteral RequiresSendSync = "requires_send_sync";
} // namespace marker

/// The annotate attribute spelling "rcu::<Marker>" on \p D or, for a
/// template specialization, on the template it was instantiated from.
const clang::AnnotateAttr *findRcuAnnotation(const clang::Decl *D,
                                             llvm::StringRef Marker);
inline bool hasRcuAnnotation(const clang::Decl *D, llvm::StringRef Marker) {
  return findRcuAnnotation(D, Marker) != nullptr;
}

/// The guard class named by \p T (through references, pointers to it are not
/// guards), or null. A class deriving from a guard class is a guard too.
const clang::CXXRecordDecl *getGuardRecord(clang::QualType T);
inline bool isGuardType(clang::QualType T) {
  return getGuardRecord(T) != nullptr;
}

/// Cheap pre-filter for the analyses: true if \p FD's parameters, body or
/// constructor initialisers (not the bodies of lambdas in it) name a guard,
/// and none of it contains errors. Only code without errors has a meaning to
/// analyse; so front ends that do analyse a TU with errors (clang-tidy) agree
/// with those that do not, whatever a Clang release keeps of erroneous code.
bool mentionsGuard(const clang::FunctionDecl *FD);

/// True if a call's result borrows from the guard bound to \p P: the
/// parameter is guard-typed and marked RCU_BORROW or [[clang::lifetimebound]],
/// on its function or on a virtual function that function overrides.
bool isBorrowingGuardParam(const clang::ParmVarDecl *P);

/// True if \p FD (or a redeclaration) is marked RCU_WAITS_FOR_GRACE_PERIOD.
bool waitsForGracePeriod(const clang::FunctionDecl *FD);

/// A class template's "template parameter N must be Send [and Sync]"
/// requirement, declared with RCU_REQUIRES_SEND(N)/RCU_REQUIRES_SEND_SYNC(N).
struct TemplateRequirement {
  unsigned ParamIndex;
  bool NeedsSync;
  const clang::AnnotateAttr *Attr;
};
llvm::SmallVector<TemplateRequirement, 1>
getTemplateRequirements(const clang::CXXRecordDecl *RD);

} // namespace rcubox

#endif // RCUBOX_CORE_ANNOTATIONS_H
