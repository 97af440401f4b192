//===- FunctionSummary.h - What a function does with its arguments -*- C++ -*-//
//
// A borrow handed to a function defined in this translation unit is not let
// go: the function's summary says where it may store what each parameter
// carries (a member of the object it is called on, a global, a new thread,
// through another parameter) and which parameters its result may carry. A
// function whose result carries a borrow of one of its guard parameters
// borrows from that guard, as if the parameter were marked RCU_BORROW.
//
// Summaries are computed by the borrow analysis itself, run on the callee
// with one loan per parameter, on demand: only for functions that a caller
// being analysed hands a borrow or a guard to, memoised, bounded in depth
// and number, and iterated to a fixpoint (a few rounds) for recursion.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_BORROW_FUNCTIONSUMMARY_H
#define RCUBOX_CORE_BORROW_FUNCTIONSUMMARY_H

#include "core/borrow/BorrowAnalysis.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>

namespace rcubox::borrow {

/// Where a function may store what one of its parameters carries.
struct ParamStore {
  EscapeKind Kind; ///< Member, Global, ThroughParam or Thread.
  /// The member of the object the function is called on, the global, the
  /// parameter it stores through, or the thread type.
  const clang::NamedDecl *Dest = nullptr;
  /// For ThroughParam: the index of that parameter.
  unsigned ThroughParam = 0;
  /// How, for notes: this function's store, then its callees' steps.
  llvm::SmallVector<EscapeStep, 2> Steps;
};

/// A summary speaks of two slots per summarised variable: what its value
/// holds (a pointer's target, a view's range), and for a reference the object
/// it names. A function storing `r.ops` keeps the first, `&r` the second.
inline unsigned valueSlot(unsigned Var) { return 2 * Var; }
/// The key of ResultBorrowsGuard for a guard member of the object a method
/// runs on (a read-section wrapper's own guard).
inline constexpr unsigned ObjectGuardIndex = 0x7fffffff;
inline unsigned referentSlot(unsigned Var) { return 2 * Var + 1; }

struct FunctionSummary {
  /// Per slot, where what it carries may be stored.
  llvm::SmallVector<llvm::SmallVector<ParamStore, 1>, 4> Stores;
  /// Slots whose borrows the result may carry.
  llvm::SmallBitVector ResultFrom;
  /// Guard parameters whose borrows the result may carry, with the
  /// borrowing call inside the function (an inferred RCU_BORROW).
  llvm::SmallDenseMap<unsigned, const clang::Expr *, 1> ResultBorrowsGuard;
  /// The analysis ran to its end: what the summary does not list, the
  /// function does not do.
  bool Complete = false;

  bool operator==(const FunctionSummary &O) const;
  bool empty() const;
};

class FunctionSummaries {
public:
  FunctionSummaries(clang::ASTContext &Ctx, BorrowTypes &Types)
      : Ctx(Ctx), Types(Types) {}
  ~FunctionSummaries();

  /// The summary of \p FD's definition in this translation unit, or null if
  /// there is none to read (no body, system header, standard library,
  /// virtual dispatch, over budget): the call is then assumed to let go.
  const FunctionSummary *get(const clang::FunctionDecl *FD);

  clang::ASTContext &context() const { return Ctx; }

  /// How many summaries were computed (for measurements).
  unsigned computed() const { return Computed; }

  /// The CFG of the function whose body is \p Body, built by \p Build the
  /// first time: a summary (in each of its rounds) and the check of the same
  /// function walk the same graph. Null if it cannot be built.
  clang::CFG *cfgFor(const clang::Stmt *Body,
                     llvm::function_ref<std::unique_ptr<clang::CFG>()> Build);
  /// Drops \p Body's CFG once the check is done with it.
  void releaseCFG(const clang::Stmt *Body) { CFGs.erase(Body); }

private:
  const FunctionSummary *compute(const clang::FunctionDecl *Def);

  clang::ASTContext &Ctx;
  BorrowTypes &Types;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionSummary>>
      Memo;
  /// Functions being summarised, with their depth on the stack, and the
  /// summary assumed for them meanwhile.
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> InProgress;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionSummary>>
      Provisional;
  /// The lowest stack depth of an unfinished summary the current one read
  /// (Tarjan's low-link): a summary is final only if none is lower.
  unsigned LowLink = ~0u;
  unsigned Computed = 0;
  llvm::DenseMap<const clang::Stmt *, std::unique_ptr<clang::CFG>> CFGs;
};

} // namespace rcubox::borrow

#endif // RCUBOX_CORE_BORROW_FUNCTIONSUMMARY_H
