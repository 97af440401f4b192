//===- TraitSolver.h - Rust's Send and Sync auto traits for C++ -*- C++ -*-===//
//
// Decides whether a C++ type is Send (may be moved to, and destroyed on,
// another thread) and Sync (a const reference to it may be shared between
// threads), with the rules Rust applies to its auto traits: primitives are
// both, raw pointers neither, aggregates inherit from their parts, explicit
// annotations win. Every negative answer carries the Reason it failed, so
// the check can walk the user to the root cause the way rustc does.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SENDSYNC_TRAITSOLVER_H
#define RCUBOX_CORE_SENDSYNC_TRAITSOLVER_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace rcubox::sendsync {

struct LibraryType;

enum class Trait : unsigned char { Send, Sync };
llvm::StringRef traitName(Trait X);

enum class ReasonKind : unsigned char {
  None,
  // Terminal causes.
  RawPointer,   // T*, member pointers
  Annotated,    // RCU_NOT_SEND / RCU_NOT_SYNC
  ThreadBound,  // lock guards, RCU guards
  TypeErased,   // std::function and friends
  Incomplete,   // no definition in this translation unit
  TooDeep,      // nesting beyond the recursion bound
  MutableField, // a `mutable` member that is not a synchronisation primitive
  // Causes inherited from a part; Sub/SubTrait name the failing part.
  Field,
  Base,
  Element,  // of an array
  TypeArg,  // of a library type or an RCU container
  Referent, // of a reference or std::span
};

struct Reason {
  ReasonKind Kind = ReasonKind::None;
  /// The failing part's type; for MutableField, the member's type (with a
  /// template's arguments substituted).
  clang::QualType Sub;
  Trait SubTrait = Trait::Send;
  const clang::FieldDecl *Field = nullptr;
  const clang::CXXBaseSpecifier *Base = nullptr;
  const clang::AnnotateAttr *Attr = nullptr;
  llvm::StringRef Why; // ThreadBound and TypeErased: what makes it so.

  bool isTerminal() const { return Kind < ReasonKind::Field; }
};

struct Verdict {
  bool Holds = true;
  Reason Why;
};

class TraitSolver {
public:
  explicit TraitSolver(clang::ASTContext &Ctx) : Ctx(Ctx) {}

  /// Whether \p T has trait \p X; memoised per canonical type.
  Verdict evaluate(clang::QualType T, Trait X);

  /// True if a `mutable` member of type \p T keeps its class Sync: mutating
  /// a \p T through a shared reference is free of data races (memoised).
  bool isSyncPrimitive(clang::QualType T);

  /// Deeper types are assumed to be neither Send nor Sync.
  static constexpr unsigned MaxDepth = 96;

private:
  struct Result {
    Verdict V;
    /// The outermost in-progress type this result assumed (co-inductively)
    /// to hold, as an index into Stack; NoAssumption if none.
    unsigned Lowest;
  };
  static constexpr unsigned NoAssumption = ~0u;
  using Key = std::pair<const void *, unsigned>;

  Result solve(clang::QualType T, Trait X);
  Result solveUncached(clang::QualType T, Trait X);
  Result solvePointer(clang::QualType Pointee, Trait X);
  Result solveRecord(const clang::CXXRecordDecl *RD, Trait X);
  Result solveStructural(const clang::CXXRecordDecl *RD, Trait X);
  /// A specialization named only in declarations, judged by substituting
  /// its arguments into the parts of its template's definition.
  Result solveUninstantiated(const clang::ClassTemplateSpecializationDecl *Spec,
                             Trait X);
  /// The bases and fields of \p Def, each type mapped by \p Substitute
  /// first (a null result is a part that cannot be judged).
  Result
  solveParts(const clang::CXXRecordDecl *Def, Trait X,
             llvm::function_ref<clang::QualType(clang::QualType)> Substitute);
  Result solveLibrary(const clang::CXXRecordDecl *RD, const LibraryType &L,
                      Trait X);
  bool isSyncPrimitiveRecord(const clang::CXXRecordDecl *RD);
  /// Solves \p Sub for \p SubX and, if it fails, blames it with \p Why.
  bool blame(Result &Into, clang::QualType Sub, Trait SubX, Reason Why);

  clang::ASTContext &Ctx;
  llvm::DenseMap<Key, Verdict> Cache;
  llvm::DenseMap<const clang::CXXRecordDecl *, bool> SyncPrimitives;
  llvm::DenseMap<Key, unsigned> InProgress; // -> index into Stack
  llvm::SmallVector<Key, 16> Stack;
  /// Results that held under an assumption still being proved; committed to
  /// Cache once the assumption's owner holds, discarded if it fails.
  llvm::SmallVector<std::pair<Key, Verdict>, 16> Provisional;
};

} // namespace rcubox::sendsync

#endif // RCUBOX_CORE_SENDSYNC_TRAITSOLVER_H
