//===- LibraryTraits.h - Send/Sync of well-known library types --*- C++ -*-===//
//
// The standard library implements its types with raw pointers and unions that
// structural inference would condemn, although the types own what they point
// to. Like the `unsafe impl Send` lines in Rust's std, this table says how
// each such type really behaves. It is data only: extend the table in
// LibraryTraits.cpp to teach the check another type.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SENDSYNC_LIBRARYTRAITS_H
#define RCUBOX_CORE_SENDSYNC_LIBRARYTRAITS_H

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringRef.h"

namespace rcubox::sendsync {

enum class LibraryRule {
  /// Send and Sync whatever the arguments (std::mutex, std::latch).
  Always,
  /// Follows its type arguments, like Box<T> and Vec<T>.
  Elements,
  /// Send and Sync iff the first argument is Send and Sync (Arc<T>).
  Shared,
  /// A borrow of its first argument: std::span<const T> is like const T&,
  /// std::span<T> like T&.
  Borrow,
  /// A copyable borrow of its first argument, Rust's &T whatever its
  /// constness (std::reference_wrapper<T>): Send and Sync iff T is Sync.
  SharedBorrow,
  /// Not Send: bound to the thread that locked it (MutexGuard); Sync.
  ThreadBound,
  /// Neither: the type of what it stores is erased (std::function).
  TypeErased,
};

/// Whether mutating an object through a shared reference is free of data
/// races, so that a `mutable` member of its type keeps its class Sync (Rust's
/// Mutex and atomics, versus Cell).
enum class SharedMutation : unsigned char {
  Unsynchronised,
  Synchronised,
  /// As safe as mutating its elements in place (std::array).
  AsElements,
};

struct LibraryType {
  llvm::StringLiteral Name;
  LibraryRule Rule;
  SharedMutation Mutation;
  /// Completes "'<type>' ..." in the explanation of a ThreadBound or
  /// TypeErased type.
  llvm::StringLiteral Why = "";
  /// Owns what its first argument points to (std::unique_ptr<T>), so an
  /// argument of type void erases the owned type, as std::any does.
  bool OwnsPointee = false;
};

/// The table entry for \p RD, matched by its qualified name in namespace std
/// (inline namespaces such as std::__cxx11 are skipped), or null.
const LibraryType *findLibraryType(const clang::CXXRecordDecl *RD);

/// True for std::mutex and the other mutex types of [thread.mutex].
bool isMutexType(const clang::CXXRecordDecl *RD);

/// True for the RAII lock holders: std::lock_guard, unique_lock, scoped_lock,
/// shared_lock.
bool isScopedLockType(const clang::CXXRecordDecl *RD);

/// True for the constructors of std::thread and std::jthread and for
/// std::async: their arguments live on, and die on, another thread.
bool isThreadSpawner(const clang::FunctionDecl *FD);

} // namespace rcubox::sendsync

#endif // RCUBOX_CORE_SENDSYNC_LIBRARYTRAITS_H
