//===- BorrowAnalysis.h - Do guard borrows escape their guard? --*- C++ -*-===//
//
// A flow-sensitive dataflow analysis over one function's CFG, laid out like
// Clang's LifetimeSafety: loans are issued by borrowing calls, propagated
// into the local variables (and their fields) that hold borrows, and expire
// at the guard's destructor element. Findings go to a handler, as in
// ThreadSafety, so the analysis knows nothing about diagnostics.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_BORROW_BORROWANALYSIS_H
#define RCUBOX_CORE_BORROW_BORROWANALYSIS_H

#include "core/borrow/BorrowFacts.h"
#include "clang/AST/ASTContext.h"
#include <string>

namespace rcubox::borrow {

/// Where a borrow was stored that its guard cannot follow.
enum class EscapeKind {
  Global,         ///< A global, function static or thread_local variable.
  Member,         ///< A member of *this (constructor initialisers included).
  ThroughParam,   ///< An out-parameter or an object reached through one.
  Captured,       ///< A variable a lambda captured by reference.
  OuterContainer, ///< A container that outlives the guard.
  Return,         ///< Returned while the guard is local or temporary.
  Thread,         ///< Handed to a thread that may outlive the guard.
};

/// One step of an escape through a called function, for a note: "'add'
/// stores its argument into member 'routes_'".
struct EscapeStep {
  clang::SourceLocation Loc;
  std::string Text;
};

class FunctionSummaries;

class BorrowEscapeHandler {
public:
  virtual ~BorrowEscapeHandler();

  /// \p Use reads \p Holder (a variable or a structured binding), which holds
  /// \p L after L's guard ended at
  /// \p GuardEnd on some path. For a temporary guard whose statement shares
  /// a block with the use, \p NameableAt is that statement: declaring the
  /// guard before it would certainly cover the use.
  virtual void handleUseAfterGuardEnd(const clang::Expr *Use,
                                      const clang::ValueDecl *Holder,
                                      const Loan &L,
                                      clang::SourceLocation GuardEnd,
                                      const clang::Stmt *NameableAt) = 0;

  /// A borrow carrying \p L escapes at \p At into \p Dest (may be null).
  /// \p GuardEnd is where a local guard's read-side section ends (the end
  /// of its scope), or invalid. \p Steps say how a called function stored
  /// it, outermost first, when the escape is inside a callee.
  virtual void handleEscape(EscapeKind K, const clang::Stmt *At,
                            const clang::NamedDecl *Dest,
                            clang::QualType BorrowType, const Loan &L,
                            clang::SourceLocation GuardEnd,
                            llvm::ArrayRef<EscapeStep> Steps) = 0;
};

/// Analyses \p FD's body. Returns false if the function was skipped (no CFG,
/// or too large a fixpoint to be worth it), in which case nothing is reported.
/// \p Summaries describe the functions \p FD calls.
bool runBorrowAnalysis(const clang::FunctionDecl *FD, clang::ASTContext &Ctx,
                       BorrowTypes &Types, FunctionSummaries &Summaries,
                       BorrowEscapeHandler &Handler);

} // namespace rcubox::borrow

#endif // RCUBOX_CORE_BORROW_BORROWANALYSIS_H
