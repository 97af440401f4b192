//===- Explain.h - Why a type is not Send or Sync, as notes -----*- C++ -*-===//
//
// Turns a TraitSolver verdict into the chain of notes rustc prints for an
// unsatisfied auto trait: one note per part that inherits the failure, down
// to the root cause, then how to vouch for the type once it is checked.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SENDSYNC_EXPLAIN_H
#define RCUBOX_CORE_SENDSYNC_EXPLAIN_H

#include "core/Reporter.h"
#include "core/sendsync/TraitSolver.h"

namespace rcubox::sendsync {

class Explainer {
public:
  Explainer(clang::ASTContext &Ctx, TraitSolver &Solver);

  /// \p T, quoted, as the user wrote it.
  std::string quote(clang::QualType T) const;

  std::string unsynchronisedPointee(clang::QualType T) const;

  /// Appends why \p T is not \p X. Notes whose cause has no declaration of
  /// its own (a raw pointer argument, a library type) go at \p At.
  void explain(clang::QualType T, Trait X, clang::SourceLocation At,
               llvm::SmallVectorImpl<Note> &Notes);

  /// Explains each trait in \p Failed that \p T lacks (a shared root cause
  /// once), then how to vouch for it.
  void explainAll(clang::QualType T, llvm::ArrayRef<Trait> Failed,
                  clang::SourceLocation At, llvm::SmallVectorImpl<Note> &Notes);

private:
  std::string describePart(const Reason &W) const;
  /// The declaration a terminal cause is rooted at, to compare causes.
  const void *rootCause(clang::QualType T, Trait X);
  /// \p T's class if the user declared it (outside system headers).
  const clang::CXXRecordDecl *userRecord(clang::QualType T) const;
  /// The first class of the user's on the path that makes \p T lack \p X,
  /// with the trait it lacks; null if the path has none.
  std::pair<clang::QualType, Trait> userCause(clang::QualType T, Trait X);
  void vouch(clang::QualType T, llvm::ArrayRef<Trait> Failed,
             clang::SourceLocation At, llvm::SmallVectorImpl<Note> &Notes);

  clang::ASTContext &Ctx;
  TraitSolver &Solver;
  clang::PrintingPolicy Policy;
};

} // namespace rcubox::sendsync

#endif // RCUBOX_CORE_SENDSYNC_EXPLAIN_H
