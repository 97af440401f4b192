//===- ConstructorSummary.h - Does a constructor keep its argument? -*- C++
//-*-//
//
// A constructor taking `const Route&` may copy what it needs (a snapshot
// type) or keep a pointer to the Route (a view type). When its definition is
// visible, its member initialisers and body tell which.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_BORROW_CONSTRUCTORSUMMARY_H
#define RCUBOX_CORE_BORROW_CONSTRUCTORSUMMARY_H

#include "core/borrow/BorrowFacts.h"
#include "clang/AST/DeclCXX.h"
#include <optional>

namespace rcubox::borrow {

/// True if \p Ctor may keep a reference, pointer, view or iterator into the
/// object its reference parameter \p ParamIdx binds to; false if it only
/// copies from it; std::nullopt if its definition is not visible.
std::optional<bool>
constructorKeepsReference(const clang::CXXConstructorDecl *Ctor,
                          unsigned ParamIdx, BorrowTypes &Types,
                          unsigned Depth = 0);

/// True if \p Ctor may keep the pointer its parameter \p ParamIdx is given
/// (store it, or something derived from it, in the object); false if it only
/// reads through it (an owning buffer copying the bytes); std::nullopt if its
/// definition is not visible or the parameter is not a pointer.
std::optional<bool>
constructorKeepsPointer(const clang::CXXConstructorDecl *Ctor,
                        unsigned ParamIdx, BorrowTypes &Types,
                        unsigned Depth = 0);

/// True if the copy or move constructor \p Ctor may copy a pointer-like
/// value its source holds into the new object (`p_(o.p_)`, a hand-written
/// iterator), so that the copy points where the source did; false if it only
/// copies what that points to (`p_(new T(*o.p_))`) or values that hold no
/// borrow (a std::string); std::nullopt if its definition is not visible.
std::optional<bool>
copyConstructorKeepsPointers(const clang::CXXConstructorDecl *Ctor,
                             BorrowTypes &Types);

} // namespace rcubox::borrow

#endif // RCUBOX_CORE_BORROW_CONSTRUCTORSUMMARY_H
