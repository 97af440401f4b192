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
#include "llvm/ADT/STLExtras.h"
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
inline constexpr llvm::StringLiteral WaitsForDeferredDestruction =
    "waits_for_deferred_destruction";
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
/// True if \p D carries the marker, or the configuration declares it as
/// one (model/UserModel.h: guard types and waiting functions), so that a
/// project's own RAII guard needs no attribute in its headers.
bool hasRcuAnnotation(const clang::Decl *D, llvm::StringRef Marker);

/// The guard class named by \p T (through references, pointers to it are not
/// guards), or null. A class deriving from a guard class is a guard too.
const clang::CXXRecordDecl *getGuardRecord(clang::QualType T);
inline bool isGuardType(clang::QualType T) {
  return getGuardRecord(T) != nullptr;
}

/// How an object of some class holds a read-side guard: the class is a guard
/// type (RCU_GUARD_TYPE), derives from one, or has a base or non-static data
/// member (or array of them) that holds one. A user's read-section wrapper
/// (`struct Section { rcu::Guard guard_; ... }`) is a guard class too: its
/// objects begin and end a read-side critical section exactly like a guard.
struct GuardHolding {
  /// One step from a class to the part of it that holds the guard.
  struct Step {
    const clang::CXXRecordDecl *Holder;
    const clang::FieldDecl *Member = nullptr;      // Through this member,
    const clang::CXXBaseSpecifier *Base = nullptr; // or through this base.
  };
  /// The RCU_GUARD_TYPE class at the end of the chain.
  const clang::CXXRecordDecl *Guard = nullptr;
  /// Outermost first; empty if the class is the guard type itself.
  llvm::SmallVector<Step, 2> Chain;
  /// True if some step is a member (the class is a wrapper, not a guard).
  bool isWrapper() const {
    return llvm::any_of(Chain, [](const Step &S) { return S.Member; });
  }
};

/// How \p T (a class type, or a reference to one) holds a guard, or nothing.
/// Pointers do not hold what they point to; unions, lambdas and standard
/// library classes (containers and std::optional hold guards in ways of their
/// own, which the checks judge separately) are not looked into.
std::optional<GuardHolding> getGuardHolding(clang::QualType T);
inline bool holdsGuard(clang::QualType T) {
  return getGuardHolding(T).has_value();
}

/// The guard-holding type \p T holds through std::optional (\p T is
/// `std::optional<G>` and G holds a guard), or a null type.
clang::QualType getOptionalGuardType(clang::QualType T);

/// Cheap pre-filter for the analyses: true if \p FD's parameters, body or
/// constructor initialisers (not the bodies of lambdas in it) name a guard
/// or a class holding one,
/// and none of it contains errors. Only code without errors has a meaning to
/// analyse; so front ends that do analyse a TU with errors (clang-tidy) agree
/// with those that do not, whatever a Clang release keeps of erroneous code.
bool mentionsGuard(const clang::FunctionDecl *FD);

/// True if a call's result borrows from the guard bound to \p P: the
/// parameter is guard-typed and marked RCU_BORROW or [[clang::lifetimebound]],
/// on its function or on a virtual function that function overrides.
bool isBorrowingGuardParam(const clang::ParmVarDecl *P);

/// True if \p FD (or a redeclaration) is marked RCU_WAITS_FOR_GRACE_PERIOD,
/// is one of liburcu's waits (synchronize_rcu, rcu_barrier of any
/// flavour; see model/RcuApi.h) or is configured as a waiting function.
bool waitsForGracePeriod(const clang::FunctionDecl *FD);

/// True if \p FD (or a redeclaration) is marked
/// RCU_WAITS_FOR_DEFERRED_DESTRUCTION: it waits for the destructions queued
/// before it (rcu::barrier()), so it never returns when called from one.
bool waitsForDeferredDestruction(const clang::FunctionDecl *FD);

/// A class template's "template parameter N must be Send [and Sync]"
/// requirement, declared with RCU_REQUIRES_SEND(N)/RCU_REQUIRES_SEND_SYNC(N).
/// The container destroys values of that parameter as deferred destructions
/// (after a grace period, on the reclamation thread).
struct TemplateRequirement {
  unsigned ParamIndex;
  bool NeedsSync;
  const clang::AnnotateAttr *Attr;
};
llvm::SmallVector<TemplateRequirement, 1>
getTemplateRequirements(const clang::CXXRecordDecl *RD);

} // namespace rcubox

#endif // RCUBOX_CORE_ANNOTATIONS_H
