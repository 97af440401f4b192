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

const LibraryType Table[] = {
    // Synchronisation primitives: their whole point is shared mutation.
    {"std::atomic", R::Always, true},
    {"std::atomic_flag", R::Always, true},
    {"std::mutex", R::Always, true},
    {"std::timed_mutex", R::Always, true},
    {"std::recursive_mutex", R::Always, true},
    {"std::recursive_timed_mutex", R::Always, true},
    {"std::shared_mutex", R::Always, true},
    {"std::shared_timed_mutex", R::Always, true},
    {"std::condition_variable", R::Always, true},
    {"std::condition_variable_any", R::Always, true},
    {"std::once_flag", R::Always, true},
    // Thread handles (JoinHandle and ThreadId are Send and Sync).
    {"std::thread", R::Always, false},
    {"std::jthread", R::Always, false},
    {"std::thread::id", R::Always, false},
    // Value types whose pointers refer to static or immutable, atomically
    // reference-counted state (categories, type_info, locales, a stop
    // state made for cross-thread use).
    {"std::error_code", R::Always, false},
    {"std::error_condition", R::Always, false},
    {"std::type_index", R::Always, false},
    {"std::source_location", R::Always, false},
    {"std::stop_source", R::Always, false},
    {"std::stop_token", R::Always, false},
    {"std::locale", R::Always, false},
    {"std::basic_regex", R::Always, false},
    {"std::filesystem::path", R::Always, false},
    // Lock guards, like MutexGuard.
    {"std::lock_guard", R::ThreadBound, false, Locked},
    {"std::unique_lock", R::ThreadBound, false, Locked},
    {"std::shared_lock", R::ThreadBound, false, Locked},
    {"std::scoped_lock", R::ThreadBound, false, Locked},
    // Type erasure: see docs/checks/rcu-send-sync.md.
    {"std::function", R::TypeErased, false, Erased},
    {"std::move_only_function", R::TypeErased, false, Erased},
    {"std::any", R::TypeErased, false, Erased},
    // Owners: Box<T>, Arc<T>, Weak<T>.
    {"std::unique_ptr", R::Elements, false},
    {"std::shared_ptr", R::Shared, false},
    {"std::weak_ptr", R::Shared, false},
    // Containers and value wrappers own their elements; the raw pointers
    // inside their implementation do not count.
    {"std::vector", R::Elements, false},
    {"std::deque", R::Elements, false},
    {"std::list", R::Elements, false},
    {"std::forward_list", R::Elements, false},
    {"std::array", R::Elements, false},
    {"std::valarray", R::Elements, false},
    {"std::map", R::Elements, false},
    {"std::multimap", R::Elements, false},
    {"std::set", R::Elements, false},
    {"std::multiset", R::Elements, false},
    {"std::unordered_map", R::Elements, false},
    {"std::unordered_multimap", R::Elements, false},
    {"std::unordered_set", R::Elements, false},
    {"std::unordered_multiset", R::Elements, false},
    {"std::optional", R::Elements, false},
    {"std::variant", R::Elements, false},
    {"std::tuple", R::Elements, false},
    {"std::pair", R::Elements, false},
    {"std::basic_string", R::Elements, false},
    // Borrows: string_view is a const borrow of Sync characters.
    {"std::basic_string_view", R::Elements, false},
    {"std::span", R::Borrow, false},
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

bool isThreadSpawner(const FunctionDecl *FD) {
  if (!FD)
    return false;
  const DeclContext *DC = FD;
  if (isa<CXXConstructorDecl>(FD))
    DC = FD->getParent();
  return llvm::is_contained(ThreadSpawners, stdName(DC));
}

} // namespace rcubox::sendsync
