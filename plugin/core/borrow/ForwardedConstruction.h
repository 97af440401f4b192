//===- ForwardedConstruction.h - Guards forwarded into a view ---*- C++ -*-===//
//
// std::make_unique<RouteView>(p, g), std::optional::emplace(p, g),
// std::make_optional, std::construct_at, vector::emplace_back: the library
// forwards its arguments, through a few layers of its own, into the
// constructor of the object it makes. When a guard reaches a constructor
// parameter marked RCU_BORROW that way, the object made is a view of that
// guard, as if the constructor had been called directly.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_BORROW_FORWARDEDCONSTRUCTION_H
#define RCUBOX_CORE_BORROW_FORWARDEDCONSTRUCTION_H

#include "clang/AST/Decl.h"

namespace rcubox::borrow {

/// True for declarations of the standard library, members of its classes
/// included (compat::isInStlNamespace asks only about the namespace).
bool isStandardLibraryDecl(const clang::Decl *D);

/// True if \p Callee, a standard library function or constructor, forwards
/// its parameter \p P (a guard) into an RCU_BORROW guard parameter of a
/// constructor it calls, directly or through the library functions it calls.
bool forwardsGuardIntoView(const clang::FunctionDecl *Callee,
                           const clang::ParmVarDecl *P);

} // namespace rcubox::borrow

#endif // RCUBOX_CORE_BORROW_FORWARDEDCONSTRUCTION_H
