//===- SectionFlow.h - Flow-sensitive read-side sections --------*- C++ -*-===//
//
// liburcu's sections are not scoped: a section runs from rcu_read_lock() to
// the matching rcu_read_unlock() on each path, however the code between them
// branches, loops or jumps. This forward dataflow over a function's CFG (in
// the style of Clang's ThreadSafety and LifetimeSafety analyses: a lattice,
// a transfer function per CFG element, a worklist to the fixed point) gives,
// at every program point, the depths of section nesting each path reaches it
// with (DepthSet.h) and, for QSBR, whether the thread is online.
//
// Calls to functions defined in the translation unit apply their summary: a
// lock wrapper (every path opens one section) opens one at the call, an
// unlock wrapper closes one; a function whose paths disagree makes the depth
// Unknown after the call. Calls through pointers and to functions the model
// does not know leave the depth as it was.
//
// The model decides which calls begin, end or interrupt a section
// (model/RcuApi.h). The later checks (rcu-unbalanced-section, borrows after
// the unlock, borrows without a section, waits inside one) query this.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SECTION_SECTIONFLOW_H
#define RCUBOX_CORE_SECTION_SECTIONFLOW_H

#include "core/model/RcuApi.h"
#include "core/section/DepthSet.h"
#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <optional>
#include <vector>

namespace rcubox::section {

/// QSBR: whether the thread is online (its borrows protected). A thread is
/// assumed online where a function begins: readers are registered threads.
enum class Online : unsigned char { Unreached, Yes, No, Unknown };

struct SectionState {
  DepthSet Depths;
  Online Thread = Online::Unreached;

  static SectionState entry() { return {DepthSet::entry(), Online::Yes}; }
  bool isUnreached() const { return Depths.isUnreached(); }
  void join(const SectionState &O);
  bool operator==(const SectionState &O) const {
    return Depths == O.Depths && Thread == O.Thread;
  }
  bool operator!=(const SectionState &O) const { return !(*this == O); }
};

/// What one call does to the section state.
struct SectionEffect {
  /// The liburcu call, if it is one.
  model::ApiCall Api;
  /// The change to the nesting depth; none if it cannot be known.
  std::optional<int> Delta = 0;
  /// A TU-defined function whose summary gave Delta (a wrapper).
  const clang::FunctionDecl *Wrapper = nullptr;
  /// QSBR: protection of every earlier borrow ends here.
  bool EndsProtection = false;
};

/// Per-function summaries of the section depth change, memoised for the
/// translation unit.
class SectionSummaries {
public:
  /// The change a call to \p FD makes to the depth on every path out of it:
  /// the model's for liburcu's functions, 0 for functions that touch no
  /// section or are not defined in the translation unit, none if its paths
  /// disagree or it is being summarised (recursion).
  std::optional<int> deltaOf(const clang::FunctionDecl *FD);

  /// True if \p FD's body calls, directly or through functions defined in
  /// the translation unit, something that opens or closes a section. Cheap:
  /// an AST walk, no CFG; the analyses skip every other function.
  bool touchesSections(const clang::FunctionDecl *FD);

  /// The effect of \p E if it is a call; a no-op effect otherwise.
  SectionEffect effectOf(const clang::CFGElement &E);

private:
  enum class Visit : unsigned char { InProgress, Done };
  llvm::DenseMap<const clang::FunctionDecl *, std::optional<int>> Deltas;
  llvm::DenseMap<const clang::FunctionDecl *, Visit> DeltaState;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Touches;
  llvm::DenseMap<const clang::FunctionDecl *, bool> TouchesInProgress;
  unsigned Depth = 0;
};

/// The call \p E is, if it is a CFG statement holding a call.
const clang::CallExpr *callOf(const clang::CFGElement &E);

/// The section analysis of one function.
class SectionFlow {
public:
  SectionFlow(const clang::FunctionDecl *FD, clang::ASTContext &Ctx,
              SectionSummaries &Summaries);

  /// Builds the CFG and runs to the fixed point; false if there is no CFG
  /// (no body, or one Clang cannot build a CFG for) or the budget ran out.
  bool run();

  const clang::CFG &cfg() const { return *Graph; }
  const clang::FunctionDecl *function() const { return FD; }
  SectionSummaries &summaries() const { return Summaries; }

  /// The state where \p B begins (the join of its reached predecessors).
  SectionState entryOf(const clang::CFGBlock &B) const;
  /// The state where \p B ends.
  const SectionState &exitOf(const clang::CFGBlock &B) const {
    return Out[B.getBlockID()];
  }
  /// The state just before element \p Index of \p B.
  SectionState stateBefore(const clang::CFGBlock &B, unsigned Index) const;
  /// The state the function returns with: the join over the paths that
  /// reach its end, paths ending in a noreturn call (abort, exit, a failed
  /// assert) excepted.
  SectionState returnState() const;
  /// True if \p Pred (a predecessor of the exit block) ends the function by
  /// returning, not by a noreturn call.
  static bool returnsNormally(const clang::CFGBlock &Pred);

  /// The state after \p E, given \p In.
  SectionState transfer(const clang::CFGElement &E, SectionState In) const;

private:
  const clang::FunctionDecl *FD;
  clang::ASTContext &Ctx;
  SectionSummaries &Summaries;
  std::unique_ptr<clang::CFG> Graph;
  std::vector<SectionState> Out;
};

} // namespace rcubox::section

#endif // RCUBOX_CORE_SECTION_SECTIONFLOW_H
