//===- LibraryEffects.h - Where standard library calls store values -*- C++
//-*-//
//
// The summaries of standard library functions, written as a table rather
// than computed: which argument's value (or the elements of which range) a
// call stores, and where (the object it is called on, another argument, the
// container behind an insert iterator, the references a std::tie holds).
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_BORROW_LIBRARYEFFECTS_H
#define RCUBOX_CORE_BORROW_LIBRARYEFFECTS_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallVector.h"

namespace rcubox::borrow {

struct LibraryStore {
  enum Target {
    Object,   ///< The object the member function is called on.
    Argument, ///< The argument at index Into.
    Inserter, ///< The container behind the output iterator at index Into.
    Tied,     ///< The variables the std::tie the object came from refers to.
  };
  /// The argument whose value is stored; -1 for every argument.
  int From;
  Target To;
  int Into = 0;
  /// From is the first iterator of a range: its elements are stored.
  bool Elements = false;
  /// The whole destination is overwritten (exchange, swap, store).
  bool Overwrites = false;
};

/// What a call to \p Callee stores, by the table; empty if nothing is known.
llvm::SmallVector<LibraryStore, 2>
libraryStores(const clang::FunctionDecl *Callee);

} // namespace rcubox::borrow

#endif // RCUBOX_CORE_BORROW_LIBRARYEFFECTS_H
