//===- DiscardedGuard.h - Guard temporaries that protect nothing -*- C++ -*-=//
//
// `rcu::Guard{};` as a statement begins a read-side critical section and ends
// it at the semicolon: the code after it runs unprotected. The fix is to name
// the guard, which this rule offers as a fix-it with a name that is free.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_GUARD_DISCARDEDGUARD_H
#define RCUBOX_CORE_GUARD_DISCARDEDGUARD_H

#include "core/Reporter.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace rcubox::guard {

/// Reports \p E, a statement of a compound statement, if all it does is
/// create a guard temporary (or call a function returning a guard).
void checkDiscardedGuard(const clang::Expr *E, clang::ASTContext &Ctx,
                         llvm::function_ref<void(const Finding &)> Emit);

} // namespace rcubox::guard

#endif // RCUBOX_CORE_GUARD_DISCARDEDGUARD_H
