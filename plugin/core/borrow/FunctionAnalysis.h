//===- FunctionAnalysis.h - The per-function borrow analysis ----*- C++ -*-===//
//
// Internal to the borrow analysis: the state of one function's analysis,
// shared by its parts.
// - LoanPropagation.cpp: loans issued by calls, and what each expression
//   carries.
// - Escapes.cpp: stores, uses after the guard, and their reports.
// - HandedOnLambdas.cpp: lambdas handed on to run later.
// - BorrowAnalysis.cpp: transfer functions and the fixpoint.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_BORROW_FUNCTIONANALYSIS_H
#define RCUBOX_CORE_BORROW_FUNCTIONANALYSIS_H

#include "core/Annotations.h"
#include "core/borrow/BorrowAnalysis.h"
#include "core/borrow/FunctionSummary.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>
#include <optional>
#include <vector>

namespace rcubox::borrow::internal {

using namespace clang;

/// The key under which a HolderState records the loans whose guard has
/// ended and not been constructed again (Val.Dangling), for guards inside
/// GNU statement expressions: a borrowing call evaluated after its guard
/// ended, as in `({ rcu::Guard g; p.load(g); })`, yields a dangling borrow.
inline constexpr const VarDecl *EndedGuards = nullptr;

/// What each local variable that may hold a borrow carries, as its
/// expressions do: a reference variable's Ref protects the object it names
/// (RCU data, or not), its Val is what that object holds; a variable that is
/// not a reference only has a Val.
using HolderState = llvm::SmallDenseMap<const VarDecl *, ExprLoans, 4>;

/// Where an assignment or insertion stores its value.
struct Destination {
  enum Kind {
    Unknown,
    Global,
    Member,
    ThroughParam,
    Captured, ///< A lambda's by-reference capture.
    Local
  } K = Unknown;
  const ValueDecl *Decl = nullptr;
  bool Direct = false;       ///< The whole variable is overwritten.
  bool ViaContainer = false; ///< Through a container's operator[]/insert.
  bool ViaElement = false;   ///< Through an element of a fixed-size array.
};

/// When a thread started with a borrow ends at the latest: the object that
/// owns it (a std::thread, std::jthread, the std::future of std::async, or a
/// container of threads) joins, waits or terminates the program when it is
/// destroyed.
struct ThreadEnd {
  bool WithinFullExpression = false;
  const VarDecl *Owner = nullptr; ///< A local that keeps the thread.
};

/// The callee and argument list of any call-like expression.
struct CallParts {
  const FunctionDecl *Callee = nullptr;
  const Expr *Object = nullptr; // Implicit object argument, if any.
  llvm::SmallVector<const Expr *, 4> Args;
  llvm::SmallVector<const ParmVarDecl *, 4> Params; // Parallel to Args.
};
std::optional<CallParts> decomposeCall(const Expr *E);

/// Loans whose guard ends within this function.
inline bool isLocalOrTemporaryGuard(const Loan &L) {
  return L.Guard.K == GuardRef::Local || L.Guard.K == GuardRef::Temporary;
}

/// Local variables (parameters included) whose borrows the analysis follows.
inline bool isTrackedVar(const VarDecl *VD) {
  return VD && VD->hasLocalStorage() && !isGuardType(VD->getType());
}

/// The read-section wrapper (a class holding a guard) that \p FD is an
/// instance method of, if any: its guard member outlives every call.
const CXXRecordDecl *wrapperGuardOf(const FunctionDecl *FD);
/// True if \p E names a guard member of the object \p FD runs on.
bool isOwnGuardMember(const Expr *E, const FunctionDecl *FD);

/// True if \p VD is initialised with `this`, `shared_from_this()` or
/// `weak_from_this().lock()`: a handle on the object a method runs on.
bool namesEnclosingObject(const VarDecl *VD);

/// The variables a summary describes: a function's parameters, then (for a
/// lambda's call operator) the variables its closure captures.
llvm::SmallVector<const VarDecl *, 4>
summarisedVariables(const FunctionDecl *FD);

class FunctionAnalysis {
public:
  /// With \p Summarising, the analysis computes \p FD's summary instead of
  /// finding bugs: each summarised variable carries a loan of its own, and
  /// the handler hears where those go.
  FunctionAnalysis(const FunctionDecl *FD, ASTContext &Ctx, BorrowTypes &Types,
                   FunctionSummaries &Summaries, BorrowEscapeHandler &Handler,
                   bool Summarising = false)
      : FD(FD), Ctx(Ctx), Types(Types), Summaries(Summaries), Handler(Handler),
        Summarising(Summarising) {}

  bool run();

private:
  // Setup.
  void collectLoans();
  void issueLoanIfBorrowing(const Expr *Call);
  void issueArgumentLoans();

  // Calls to functions with a summary.
  /// The values a call hands to each summarised variable of \p Callee: its
  /// arguments, then (for a lambda) what the captured variables hold.
  llvm::SmallVector<LoanSet, 4> summaryInputs(const FunctionDecl *Callee,
                                              const CallParts &Parts,
                                              const HolderState &State,
                                              unsigned Depth);
  void applySummaryStores(const Expr *Call, const CallParts &Parts,
                          HolderState &State);
  Destination destinationOfVar(const VarDecl *VD);
  /// Lambdas handed on to run later (HandedOnLambdas.cpp): what their
  /// bodies store is reported at \p At, as if they were called there.
  void checkHandedOnLambdas(const Expr *At, llvm::ArrayRef<const Expr *> Args,
                            HolderState &State);
  void checkHandedOnLambdas(const Expr *At, const CallParts &Parts,
                            HolderState &State);
  /// A library member (emplace, emplace_back) that forwarded a guard into
  /// a view's constructor: the object it is called on holds the view.
  void storeConstructedInPlace(const CallExpr *Call, const CallParts &Parts,
                               HolderState &State);
  /// Stores by the library table (LibraryEffects.h); false if the callee
  /// has no row.
  bool applyLibraryStores(const Expr *Call, const CallParts &Parts,
                          HolderState &State);
  LoanSet elementsOf(const Expr *First, const CallParts &Parts,
                     const HolderState &State);

  // Dataflow.
  void transferBlock(const CFGBlock &B, HolderState &State);
  void transferStmt(const Stmt *S, HolderState &State);
  void expireGuardsOfTry(const CXXCatchStmt *Catch, HolderState &State);
  /// Guards of range-for init-statements, by the block that leaves the loop.
  void collectRangeForGuards();
  void expire(const LoanBits &Expiring, HolderState &State);
  void expireLoans(const void *GuardKey, bool IsTemporary, SourceLocation At,
                   HolderState &State);

  // Expression values.
  ExprLoans eval(const Expr *E, const HolderState &State, unsigned Depth = 0);
  ExprLoans evalCall(const Expr *Call, const FunctionDecl *Callee,
                     const Expr *Object, llvm::ArrayRef<const Expr *> Args,
                     const HolderState &State, unsigned Depth);
  ExprLoans evalConstruct(const CXXConstructExpr *CE, const HolderState &State,
                          unsigned Depth);
  bool keepsReferenceTo(const FunctionDecl *Callee, unsigned ParamIdx,
                        QualType Holder, const Expr *Arg);
  bool keepsPointer(QualType Holder, const Expr *Arg);
  /// A user constructor that copies from the pointer it is given (an owning
  /// buffer) rather than keep it.
  bool onlyReadsThrough(const CXXConstructorDecl *Ctor, unsigned ParamIdx);
  ExprLoans evalLambda(const LambdaExpr *LE, const HolderState &State,
                       unsigned Depth);
  LoanSet sourceLoans(const Expr *Arg, bool ByReference,
                      const HolderState &State, unsigned Depth);
  LoanSet emptySet() const { return LoanSet(); }
  LoanSet loanOf(const Expr *Call, const HolderState &State) const;
  void guardConstructed(const void *GuardKey, HolderState &State);

  // Stores and escapes.
  Destination classifyDestination(const Expr *LHS);
  void store(const Stmt *At, const Expr *LHS, const LoanSet &Value,
             QualType ValueType, HolderState &State);
  void storeInto(const Stmt *At, const Destination &D, const LoanSet &Value,
                 QualType ValueType, HolderState &State,
                 llvm::ArrayRef<EscapeStep> Steps = {});
  void checkUse(const DeclRefExpr *DRE, const HolderState &State);
  /// `co_return v` and `co_yield v` hand v to the coroutine's caller, as a
  /// return does.
  void checkCoroutineResult(const Stmt *S, const HolderState &State);
  void checkThreadArgs(const clang::Expr *At, const NamedDecl *Spawner,
                       llvm::ArrayRef<const Expr *> Args,
                       const HolderState &State,
                       llvm::function_ref<ThreadEnd()> EndOf);
  ThreadEnd threadEndOf(const Expr *Spawn);
  /// A local that keeps its threads until its scope ends: every use waits,
  /// asks, or adds threads (no detach(), move or address taken).
  bool keepsItsThreads(const VarDecl *VD);
  /// The local that \p E names, if it keeps its threads.
  const VarDecl *threadOwningLocal(const Expr *E);
  bool isNullnessTest(const Expr *E);
  const Expr *accessedPart(const DeclRefExpr *DRE);
  /// Whether a variable of type \p T has exactly one member that may hold
  /// a borrow: storing into it overwrites all the variable holds.
  bool hasOneBorrowSlot(QualType T);
  unsigned borrowSlots(QualType T, unsigned Depth);
  const VarDecl *outArgumentHolder(const Expr *Arg, const ParmVarDecl *P);
  bool isOutArgument(const DeclRefExpr *DRE);
  void updateOutArguments(const Expr *Call, const CallParts &Parts,
                          HolderState &State);
  bool outlivesGuard(const VarDecl *Container, const Loan &L);
  LoanSet keepWithinGuard(const Stmt *At, const VarDecl *VD,
                          const LoanSet &Value, QualType ValueType,
                          llvm::ArrayRef<EscapeStep> Steps = {});
  bool isViewOfGuard(const Loan &L) const;
  const Stmt *nameableStatement(const Loan &L, const Expr *Use);
  const Stmt *scopeOf(const VarDecl *VD);
  void reportEscape(EscapeKind K, const Stmt *At, const NamedDecl *Dest,
                    QualType BorrowType, const LoanSet &Value,
                    llvm::function_ref<bool(const Loan &)> Applies,
                    llvm::ArrayRef<EscapeStep> Steps = {});

  const FunctionDecl *FD;
  ASTContext &Ctx;
  BorrowTypes &Types;
  FunctionSummaries &Summaries;
  BorrowEscapeHandler &Handler;
  bool Summarising;
  /// What each summarised variable holds on entry (Summarising only).
  HolderState EntryState;

  CFG *Graph = nullptr; ///< Owned by Summaries, shared with its summary.
  std::unique_ptr<ParentMap> Parents;
  std::vector<Loan> Loans;
  llvm::DenseMap<const Expr *, unsigned> LoanOfCall;
  llvm::DenseMap<const void *, llvm::SmallVector<unsigned, 2>> LoansOfGuard;
  std::vector<SourceLocation> GuardEndOf; // Per loan, where it expired.
  bool Reporting = false;
  LoanBits ReportedLoans;
  llvm::SmallPtrSet<const Stmt *, 8> ReportedStores;
  llvm::DenseMap<const VarDecl *, const Stmt *> Scopes;
  llvm::SmallPtrSet<const VarDecl *, 2> StmtExprGuards;
  llvm::DenseMap<const CXXTryStmt *, LoanBits> LoansOfTryBlock;
  llvm::DenseMap<const Type *, bool> OneBorrowSlot;
  llvm::DenseMap<
      const CFGBlock *,
      llvm::SmallVector<std::pair<const VarDecl *, SourceLocation>, 1>>
      GuardsEndingAt;
};

} // namespace rcubox::borrow::internal

#endif // RCUBOX_CORE_BORROW_FUNCTIONANALYSIS_H
