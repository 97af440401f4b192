//===- GuardMisuseCheck.h - rcu-guard-misuse --------------------*- C++ -*-===//
//
// A guard means something only as an automatic local of the thread that
// created it, alive for the scope it protects. The check reports guards (and
// classes holding one, a user's section wrappers) with static, thread or
// dynamic storage, held in std::optional or arrays, discarded on the spot,
// shared with another thread, or copied and moved.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_GUARD_GUARDMISUSECHECK_H
#define RCUBOX_CORE_GUARD_GUARDMISUSECHECK_H

#include "core/Check.h"
#include "core/guard/LibraryAllocation.h"
#include "llvm/ADT/DenseSet.h"

namespace rcubox {

class GuardMisuseCheck final : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkVariable(const clang::VarDecl *VD, clang::ASTContext &Ctx);
  void checkField(const clang::FieldDecl *FD, clang::ASTContext &Ctx);
  void checkNew(const clang::CXXNewExpr *E, clang::ASTContext &Ctx);
  void checkLibraryCall(const clang::Expr *Call,
                        const clang::FunctionDecl *Callee,
                        clang::ASTContext &Ctx);
  void checkCopy(const clang::Expr *E, const clang::CXXMethodDecl *Method,
                 const clang::Expr *Source, clang::ASTContext &Ctx);
  void emit(const Finding &F);

  guard::LibraryAllocations Library;
  llvm::DenseSet<std::pair<unsigned, unsigned>> Reported;
};

} // namespace rcubox

#endif // RCUBOX_CORE_GUARD_GUARDMISUSECHECK_H
