//===- SourceContext.h - Where a node of rcu-guard-misuse is ----*- C++ -*-===//
//
// The few questions every rule of rcu-guard-misuse asks about a place: is it
// the standard library's (never reported, and where library code is
// followed), and which function is it in.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_GUARD_SOURCECONTEXT_H
#define RCUBOX_CORE_GUARD_SOURCECONTEXT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"

namespace rcubox::guard {

/// True for a location in a system header (or expanded from a macro there),
/// and for an invalid one.
bool inSystemHeader(clang::SourceLocation Loc, const clang::SourceManager &SM);

/// The function whose body \p S is in, through the parent map (so only for
/// the rare nodes that need it). With \p ThroughLambdas, the outermost
/// function around the lambdas \p S is in.
const clang::FunctionDecl *enclosingFunction(const clang::Stmt *S,
                                             clang::ASTContext &Ctx,
                                             bool ThroughLambdas);

} // namespace rcubox::guard

#endif // RCUBOX_CORE_GUARD_SOURCECONTEXT_H
