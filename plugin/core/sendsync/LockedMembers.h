//===- LockedMembers.h - members locked by their own class -*- C++ -*-===//
//-*-===//
//
// `mutable std::vector<Line> lines_; // guarded by mu_` is the usual way a
// C++ class keeps state that its const member functions change: the class is
// Sync (Rust's Mutex<Vec<Line>>) as long as every access holds the lock. The
// check believes it when Clang's thread-safety analysis will check it
// (GUARDED_BY), or when it can see every access locked.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SENDSYNC_LOCKEDMEMBERS_H
#define RCUBOX_CORE_SENDSYNC_LOCKEDMEMBERS_H

#include "clang/AST/Decl.h"

namespace rcubox::sendsync {

/// True if \p F is protected by a mutex member of its own class: it carries
/// a `guarded_by`/`pt_guarded_by` attribute, or it is used in at least one
/// member function defined in this translation unit and every such use
/// (constructors and destructors aside: nothing shares the object then) is
/// in a scope that holds a `std::lock_guard`, `unique_lock`, `scoped_lock` or
/// `shared_lock` on a mutex member of the same object.
bool isLockedByOwnMutex(const clang::FieldDecl *F);

} // namespace rcubox::sendsync

#endif // RCUBOX_CORE_SENDSYNC_LOCKEDMEMBERS_H
