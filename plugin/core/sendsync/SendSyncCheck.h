//===- SendSyncCheck.h - rcu-send-sync --------------------------*- C++ -*-===//
//
// RCU may destroy a boxed value on another thread and readers on many
// threads share a published one, so rcu::RcuBox<T> needs T to be Send and
// rcu::Pointer<T> needs it to be Send and Sync, as in the kernel's Rust
// bindings. This check brings Rust's auto-trait rules to C++ (TraitSolver)
// and reports where a requirement declared with RCU_REQUIRES_SEND(N) or
// RCU_REQUIRES_SEND_SYNC(N) is not met (UseFinder), explaining why as rustc
// does (Explainer).
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SENDSYNC_SENDSYNCCHECK_H
#define RCUBOX_CORE_SENDSYNC_SENDSYNCCHECK_H

#include "core/Check.h"
#include "llvm/ADT/DenseSet.h"
#include <set>
#include <tuple>

namespace rcubox {
namespace sendsync {
struct Use;
class Explainer;
class TraitSolver;
} // namespace sendsync

class SendSyncCheck final : public Check {
public:
  using Check::Check;
  // Everything happens once the whole translation unit is known.
  void registerMatchers(clang::ast_matchers::MatchFinder &) override {}
  void run(const clang::ast_matchers::MatchFinder::MatchResult &) override {}
  void finishTranslationUnit(clang::ASTContext &Ctx) override;

private:
  void checkUse(const sendsync::Use &U, sendsync::TraitSolver &Solver,
                sendsync::Explainer &Ex);

  llvm::DenseSet<std::pair<unsigned, const void *>> Reported;
  std::set<std::tuple<unsigned, unsigned, const void *, const void *>>
      ReportedLines;
};

} // namespace rcubox

#endif // RCUBOX_CORE_SENDSYNC_SENDSYNCCHECK_H
