//===- LibraryAllocation.h - Guards created inside the library --*- C++ -*-===//
//
// std::make_unique<rcu::Guard>(), std::vector<Section>::emplace_back() and
// std::optional<rcu::Guard>::emplace() create a guard with a new-expression
// deep inside the standard library, where no check looks. A call made in user
// code is judged by what the library code it reaches does: the instantiated
// bodies are walked (memoised, bounded) for a new-expression of a guard class.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_GUARD_LIBRARYALLOCATION_H
#define RCUBOX_CORE_GUARD_LIBRARYALLOCATION_H

#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"

namespace rcubox::guard {

class LibraryAllocations {
public:
  /// The guard-holding type \p Callee (a function defined in a system header)
  /// creates with a new-expression, directly or through the system-header
  /// functions it calls; a null type if none (or if unknown).
  clang::QualType createdGuard(const clang::FunctionDecl *Callee);

  /// Cheap pre-filter: true if \p Callee is a specialization, or a member of
  /// one, whose template arguments name a guard-holding class.
  static bool mayCreateGuard(const clang::FunctionDecl *Callee);

private:
  clang::QualType walk(const clang::FunctionDecl *FD, unsigned Depth);

  llvm::DenseMap<const clang::FunctionDecl *, clang::QualType> Memo;
};

} // namespace rcubox::guard

#endif // RCUBOX_CORE_GUARD_LIBRARYALLOCATION_H
