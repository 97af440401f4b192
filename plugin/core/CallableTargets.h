//===- CallableTargets.h - What a call through a local runs ----*- C++ -*-===//
//
// A call through a local function pointer (or pointer to member function),
// std::function or lambda object,
// or one of those handed to a library function that calls it on the spot
// (std::invoke, std::apply, std::for_each...), runs the function the local
// was initialised with, as long as nothing can change the local before the
// call. The wait and section analyses follow those calls like direct ones
// (a pthread_cleanup_pop(1) runs the routine its push stored in a local).
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_CALLABLETARGETS_H
#define RCUBOX_CORE_CALLABLETARGETS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace rcubox {

/// The function \p E surely designates as a callable: a function name (or
/// its address), a lambda (its call operator), or a local variable that was
/// initialised with one of those, through std::function and friends, and is
/// never modified.
const clang::FunctionDecl *calledFunction(const clang::Expr *E);

/// The callee of \p CE when it has no direct callee or calls a type-erased
/// wrapper (std::function::operator()): the function it surely runs, if any.
const clang::FunctionDecl *indirectCallee(const clang::CallExpr *CE);

/// The functions a call to a library function that invokes its callable
/// arguments before returning (std::invoke, std::apply, std::for_each,
/// std::call_once...) runs through those arguments.
llvm::SmallVector<const clang::FunctionDecl *, 1>
synchronouslyInvoked(const clang::CallExpr *CE);

} // namespace rcubox

#endif // RCUBOX_CORE_CALLABLETARGETS_H
