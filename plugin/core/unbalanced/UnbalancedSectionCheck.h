//===- UnbalancedSectionCheck.h - rcu-unbalanced-section --------*- C++ -*-===//
//
// liburcu's sections are opened and closed by calls, not scopes: an error
// path that returns without rcu_read_unlock() leaves the thread in a section
// forever (every later synchronize_rcu() hangs), and an unlock with no
// section open corrupts the nesting count. The check reports, from the
// flow-sensitive section depths (section/SectionFlow.h):
//
//  - a return (or the end of the function) reached with a section open
//    while other paths out of the function close it;
//  - an unlock reached where the function's own section is already closed
//    on some path (a double unlock), or where no section is open on some
//    path while other paths into it opened one.
//
// Functions whose every path changes the depth by the same amount (lock and
// unlock wrappers, a section closed later by a cleanup) are not judged.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_UNBALANCED_UNBALANCEDSECTIONCHECK_H
#define RCUBOX_CORE_UNBALANCED_UNBALANCEDSECTIONCHECK_H

#include "core/Check.h"
#include "core/section/SectionFlow.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"

namespace rcubox {

class UnbalancedSectionCheck final : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void finishTranslationUnit(clang::ASTContext &Ctx) override;

private:
  void analyze(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);
  void checkUnlocks(const section::SectionFlow &Flow, clang::ASTContext &Ctx);
  void checkReturns(const section::SectionFlow &Flow);
  void emit(Finding F);

  llvm::SetVector<const clang::FunctionDecl *> Functions;
  section::SectionSummaries Summaries;
  llvm::DenseSet<clang::SourceLocation> Reported;
};

} // namespace rcubox

#endif // RCUBOX_CORE_UNBALANCED_UNBALANCEDSECTIONCHECK_H
