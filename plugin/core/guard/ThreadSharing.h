//===- ThreadSharing.h - Guards handed to another thread --------*- C++ -*-===//
//
// A read-side critical section belongs to the thread that began it: a guard
// captured by reference by a thread's lambda, passed to a thread with
// std::ref or by address, or whose address is stored where other threads can
// reach it, is ended (or used) by a thread that never began it.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_GUARD_THREADSHARING_H
#define RCUBOX_CORE_GUARD_THREADSHARING_H

#include "core/Reporter.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace rcubox::guard {

using EmitFn = llvm::function_ref<void(const Finding &)>;

/// The name of the thread-starting function or class \p Call calls
/// ("std::thread", "std::async", "pthread_create"), or "".
std::string threadStarter(const clang::Expr *Call);

/// Reports guards the arguments of \p Call (a thread start, threadStarter()
/// not empty) share with the new thread.
void checkThreadStart(const clang::Expr *Call, clang::ASTContext &Ctx,
                      EmitFn Emit);

/// Reports `Target = &guard` where Target is a global, static or member.
void checkAddressStored(const clang::Expr *Target, const clang::Expr *Value,
                        clang::ASTContext &Ctx, EmitFn Emit);

/// Reports `static T *p = &guard;`, a non-local \p Var initialised with the
/// address of a local guard.
void checkAddressInitialises(const clang::VarDecl *Var, clang::ASTContext &Ctx,
                             EmitFn Emit);

/// The local guard (or guard-reference) variable whose address \p E takes,
/// or null.
const clang::VarDecl *guardAddressOf(const clang::Expr *E);

} // namespace rcubox::guard

#endif // RCUBOX_CORE_GUARD_THREADSHARING_H
