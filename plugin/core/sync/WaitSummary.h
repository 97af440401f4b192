//===- WaitSummary.h - Which functions may wait for a grace period -*- C++ -*-//
//
// A function may wait for an RCU grace period if it is marked
// RCU_WAITS_FOR_GRACE_PERIOD, or if its definition (in this translation
// unit) calls something that may wait: a function, a constructor, the
// destructor of a local, temporary, member or base it ends, or a virtual
// function whose every visible override may wait. Lambda bodies count where
// the lambda is called, not where it is written. Summaries are memoised per
// function; recursion and mutual recursion terminate (a cycle alone never
// waits), and a budget bounds pathological call graphs.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SYNC_WAITSUMMARY_H
#define RCUBOX_CORE_SYNC_WAITSUMMARY_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace rcubox::sync {

/// One call made by a function: whom it calls, where, and how.
struct CallSite {
  const clang::FunctionDecl *Callee = nullptr;
  clang::SourceLocation At;
  clang::SourceRange Range;
  /// Dispatched virtually: any visible override may run.
  bool Virtual = false;
  /// An implicit destructor call ending this variable, if any.
  const clang::VarDecl *Destroyed = nullptr;
};

/// The call site \p S is, if any: a call with a known callee, a
/// construction, or a delete expression. Implicit destructor calls are
/// found from declarations and temporaries (see forEachCallIn).
std::optional<CallSite> callSiteOf(const clang::Stmt *S);

/// Calls \p F with each call \p S makes itself: callSiteOf(S), and the
/// functions a library call like std::invoke runs through its arguments
/// (CallableTargets.h). False once \p F asked to stop.
bool forEachCallSiteOf(const clang::Stmt *S,
                       llvm::function_ref<bool(const CallSite &)> F);

/// The destructor call ending an object of type \p T (arrays included), or
/// nothing for types without a user-visible destructor.
std::optional<CallSite> destructorCallFor(clang::QualType T,
                                          clang::SourceLocation At,
                                          const clang::VarDecl *Destroyed);

/// Which wait a summary looks for: a grace period (what a read-side section
/// must not wait for), or deferred destructions (what a deferred destruction
/// must not wait for). Each has its own marker in the model layer.
enum class WaitKind { GracePeriod, DeferredDestruction };

class WaitSummaries {
public:
  explicit WaitSummaries(WaitKind Kind = WaitKind::GracePeriod) : Kind(Kind) {}

  /// True if \p FD is marked as waiting (the end of every chain).
  bool isMarked(const clang::FunctionDecl *FD) const;
  WaitKind kind() const { return Kind; }

  /// Records \p MD among the overrides of each method it overrides.
  void addOverride(const clang::CXXMethodDecl *MD);

  /// True if a call to \p Site may wait for a grace period.
  bool mayWait(const CallSite &Site) { return callMayWait(Site, 0); }

  /// The function a chain continues with after calling \p Site: the callee,
  /// or for a virtual call the first visible override that may wait.
  const clang::FunctionDecl *target(const CallSite &Site);

  /// The first call in \p FD's definition that may wait, if \p FD may wait
  /// and is not itself marked.
  const CallSite *stepIn(const clang::FunctionDecl *FD) const;

private:
  bool callMayWait(const CallSite &Site, unsigned Depth);
  bool functionMayWait(const clang::FunctionDecl *FD, unsigned Depth);
  /// The non-pure methods a virtual call to \p MD may reach.
  llvm::SmallVector<const clang::FunctionDecl *, 4>
  dispatchTargets(const clang::CXXMethodDecl *MD);

  WaitKind Kind;
  enum class Result { Waits, NoWait };
  llvm::DenseMap<const clang::FunctionDecl *, Result> Memo;
  llvm::DenseMap<const clang::FunctionDecl *, CallSite> Steps;
  /// Functions being summarised, with their depth on the stack.
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> InProgress;
  /// The lowest stack depth of an unfinished summary the current one
  /// depended on (Tarjan's low-link): a "no" is final only if none is lower.
  unsigned LowLink = ~0u;
  llvm::DenseMap<const clang::CXXMethodDecl *,
                 llvm::SmallVector<const clang::CXXMethodDecl *, 2>>
      Overriders;
  /// Bodies summarised so far in this translation unit; past the budget,
  /// unknown functions are assumed not to wait.
  unsigned Walked = 0;
};

/// Calls \p F with every call \p FD's definition makes, lambda bodies
/// excepted: explicit calls, constructions, and the destructors of the
/// locals, temporaries (and, for a destructor, members and bases) it ends.
void forEachCallIn(const clang::FunctionDecl *FD,
                   llvm::function_ref<bool(const CallSite &)> F);

} // namespace rcubox::sync

#endif // RCUBOX_CORE_SYNC_WAITSUMMARY_H
