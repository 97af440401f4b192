//===- TypeArguments.h - Type arguments of a specialization -----*- C++ -*-===//
//
// Library templates are judged by what they hold: their type arguments, with
// packs (std::tuple<Ts...>, std::variant<Ts...>) expanded. Shared by the
// checks so that every one of them sees the same element types.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_TYPEARGUMENTS_H
#define RCUBOX_CORE_TYPEARGUMENTS_H

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace rcubox {

/// The type arguments of \p RD if it is a template specialization, in order,
/// with packs expanded; empty otherwise.
llvm::SmallVector<clang::QualType, 4>
typeArguments(const clang::CXXRecordDecl *RD);

} // namespace rcubox

#endif // RCUBOX_CORE_TYPEARGUMENTS_H
