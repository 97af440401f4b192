//===- LibraryTraits.cpp - Send/Sync of well-known library types ----------===//

#include "core/sendsync/LibraryTraits.h"
#include "llvm/ADT/SmallString.h"

using namespace clang;

namespace rcubox::sendsync {
namespace {

using R = LibraryRule;
constexpr llvm::StringLiteral Locked = "is bound to the thread that locked it";
constexpr llvm::StringLiteral Erased =
    "erases the type of the object it stores, which may hold anything";
constexpr llvm::StringLiteral ErasedPointee =
    "erases the type of the object it owns, which may be anything";
constexpr SharedMutation Primitive = SharedMutation::Synchronised;
constexpr SharedMutation Plain = SharedMutation::Unsynchronised;
constexpr bool Owner = true;

// Each row is documented, with the standard's guarantee and Rust's choice
// for the analogous type, in docs/checks/rcu-send-sync.md; keep them in step.
const LibraryType Table[] = {
    // Synchronisation primitives: their whole point is shared mutation, so
    // a `mutable` one keeps its class Sync ([thread] specifies their member
    // functions as free of data races).
    {"std::mutex", R::Always, Primitive},
    {"std::timed_mutex", R::Always, Primitive},
    {"std::recursive_mutex", R::Always, Primitive},
    {"std::recursive_timed_mutex", R::Always, Primitive},
    {"std::shared_mutex", R::Always, Primitive},
    {"std::shared_timed_mutex", R::Always, Primitive},
    {"std::condition_variable", R::Always, Primitive},
    {"std::condition_variable_any", R::Always, Primitive},
    {"std::once_flag", R::Always, Primitive},
    {"std::atomic_flag", R::Always, Primitive},
    {"std::counting_semaphore", R::Always, Primitive},
    {"std::latch", R::Always, Primitive},
    {"std::stop_source", R::Always, Primitive},
    // Atomics hold a T that every thread may load: std::atomic<T *> shares
    // the pointee as T * does, std::atomic<std::shared_ptr<U>> shares U.
    {"std::atomic", R::Elements, Primitive},
    {"std::atomic_ref", R::Elements, Primitive},
    // The completion function runs on whichever thread arrives last.
    {"std::barrier", R::Elements, Primitive},
    // Thread handles (JoinHandle and ThreadId are Send and Sync).
    {"std::thread", R::Always, Plain},
    {"std::jthread", R::Always, Plain},
    {"std::thread::id", R::Always, Plain},
    // Value types whose pointers refer to static or immutable, atomically
    // reference-counted state (categories, type_info, locales, a stop
    // state or an exception object made for cross-thread use).
    {"std::error_code", R::Always, Plain},
    {"std::error_condition", R::Always, Plain},
    {"std::type_index", R::Always, Plain},
    {"std::source_location", R::Always, Plain},
    {"std::stop_token", R::Always, Plain},
    {"std::exception_ptr", R::Always, Plain},
    {"std::__exception_ptr::exception_ptr", R::Always, Plain}, // libstdc++
    {"std::locale", R::Always, Plain},
    {"std::basic_regex", R::Always, Plain},
    {"std::filesystem::path", R::Always, Plain},
    // Lock guards, like MutexGuard.
    {"std::lock_guard", R::ThreadBound, Plain, Locked},
    {"std::unique_lock", R::ThreadBound, Plain, Locked},
    {"std::shared_lock", R::ThreadBound, Plain, Locked},
    {"std::scoped_lock", R::ThreadBound, Plain, Locked},
    // Type erasure: see docs/checks/rcu-send-sync.md.
    {"std::function", R::TypeErased, Plain, Erased},
    {"std::move_only_function", R::TypeErased, Plain, Erased},
    {"std::packaged_task", R::TypeErased, Plain, Erased},
    {"std::any", R::TypeErased, Plain, Erased},
    // Owners: Box<T>, Arc<T>, Weak<T>; over void, type erasure again.
    {"std::unique_ptr", R::Elements, Plain, ErasedPointee, Owner},
    {"std::shared_ptr", R::Shared, Plain, ErasedPointee, Owner},
    {"std::weak_ptr", R::Shared, Plain, ErasedPointee, Owner},
    // One-shot channels: a future owns the value it will receive (a
    // oneshot::Receiver<T>), a promise the value it sends; a shared_future
    // hands `const T&` to every holder and the last one destroys it (Arc).
    {"std::future", R::Elements, Plain},
    {"std::promise", R::Elements, Plain},
    {"std::shared_future", R::Shared, Plain},
    // The callback runs on the thread that requests the stop.
    {"std::stop_callback", R::Elements, Plain},
    // Containers and value wrappers own their elements; the raw pointers
    // inside their implementation do not count.
    {"std::vector", R::Elements, Plain},
    {"std::deque", R::Elements, Plain},
    {"std::list", R::Elements, Plain},
    {"std::forward_list", R::Elements, Plain},
    {"std::array", R::Elements, SharedMutation::AsElements},
    {"std::valarray", R::Elements, Plain},
    {"std::map", R::Elements, Plain},
    {"std::multimap", R::Elements, Plain},
    {"std::set", R::Elements, Plain},
    {"std::multiset", R::Elements, Plain},
    {"std::unordered_map", R::Elements, Plain},
    {"std::unordered_multimap", R::Elements, Plain},
    {"std::unordered_set", R::Elements, Plain},
    {"std::unordered_multiset", R::Elements, Plain},
    {"std::queue", R::Elements, Plain},
    {"std::priority_queue", R::Elements, Plain},
    {"std::stack", R::Elements, Plain},
    {"std::optional", R::Elements, Plain},
    {"std::expected", R::Elements, Plain},
    {"std::variant", R::Elements, Plain},
    {"std::tuple", R::Elements, Plain},
    {"std::pair", R::Elements, Plain},
    {"std::basic_string", R::Elements, Plain},
    // Borrows: string_view is a const borrow of Sync characters.
    {"std::basic_string_view", R::Elements, Plain},
    {"std::span", R::Borrow, Plain},
    {"std::initializer_list", R::SharedBorrow, Plain},
    {"std::reference_wrapper", R::SharedBorrow, Plain},
};

/// Appends "std::thread::id" for std::thread::id, skipping inline
/// namespaces; false if \p DC is not in namespace std.
bool appendStdName(const DeclContext *DC, llvm::SmallString<64> &Out) {
  if (!DC || DC->isTranslationUnit())
    return false;
  if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
    if (NS->isInline())
      return appendStdName(NS->getParent(), Out);
    if (NS->getParent()->getRedeclContext()->isTranslationUnit()) {
      if (NS->getName() != "std")
        return false;
      Out += "std";
      return true;
    }
  }
  const auto *ND = dyn_cast<NamedDecl>(DC);
  if (!ND || !ND->getIdentifier() || !appendStdName(DC->getParent(), Out))
    return false;
  Out += "::";
  Out += ND->getName();
  return true;
}

constexpr llvm::StringLiteral ThreadSpawners[] = {"std::thread", "std::jthread",
                                                  "std::async"};

llvm::SmallString<64> stdName(const DeclContext *DC) {
  llvm::SmallString<64> Name;
  if (!appendStdName(DC, Name))
    Name.clear();
  return Name;
}

} // namespace

const LibraryType *findLibraryType(const CXXRecordDecl *RD) {
  if (!RD || !RD->getIdentifier())
    return nullptr;
  llvm::SmallString<64> Name = stdName(RD);
  for (const LibraryType &T : Table)
    if (T.Name == Name)
      return &T;
  return nullptr;
}

bool isMutexType(const CXXRecordDecl *RD) {
  static constexpr llvm::StringLiteral Mutexes[] = {
      "std::mutex",           "std::timed_mutex",
      "std::recursive_mutex", "std::recursive_timed_mutex",
      "std::shared_mutex",    "std::shared_timed_mutex"};
  return RD && RD->getIdentifier() && llvm::is_contained(Mutexes, stdName(RD));
}

bool isScopedLockType(const CXXRecordDecl *RD) {
  static constexpr llvm::StringLiteral Locks[] = {
      "std::lock_guard", "std::unique_lock", "std::scoped_lock",
      "std::shared_lock"};
  return RD && RD->getIdentifier() && llvm::is_contained(Locks, stdName(RD));
}

bool isThreadSpawner(const FunctionDecl *FD) {
  if (!FD)
    return false;
  const DeclContext *DC = FD;
  if (isa<CXXConstructorDecl>(FD))
    DC = FD->getParent();
  return llvm::is_contained(ThreadSpawners, stdName(DC));
}

} // namespace rcubox::sendsync
