//===- BorrowEscapeCheck.h - rcu-borrow-escape ------------------*- C++ -*-===//
//
// A guard borrow (the result of with_rcu(g), load(g), rcu_borrow(p, g) or any
// RCU_BORROW function) must not outlive the guard's read-side critical
// section: not used after it, stored where the guard cannot follow, returned
// past it, or captured by a lambda or thread that outlives it.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_BORROW_BORROWESCAPECHECK_H
#define RCUBOX_CORE_BORROW_BORROWESCAPECHECK_H

#include "core/Check.h"
#include "core/borrow/BorrowFacts.h"
#include "core/borrow/FunctionSummary.h"
#include "core/section/SectionFlow.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>

namespace rcubox {

class BorrowEscapeCheck final : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void analyze(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);

  borrow::BorrowTypes Types;
  /// Summaries of the functions of the current translation unit.
  std::unique_ptr<borrow::FunctionSummaries> Summaries;
  /// liburcu's sections (LiburcuBorrows.h), for the unit \c SectionsOf.
  std::unique_ptr<section::SectionSummaries> Sections;
  const clang::ASTContext *SectionsOf = nullptr;
  llvm::DenseSet<const clang::FunctionDecl *> Analyzed;
  llvm::DenseSet<std::pair<unsigned, unsigned>> Reported; // (loc, kind)
  friend class BorrowFindingBuilder;
};

} // namespace rcubox

#endif // RCUBOX_CORE_BORROW_BORROWESCAPECHECK_H
