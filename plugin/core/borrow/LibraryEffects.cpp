//===- LibraryEffects.cpp - Where standard library calls store values -----===//

#include "core/borrow/LibraryEffects.h"
#include "core/Compat.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace rcubox::borrow {
namespace {

using T = LibraryStore::Target;

struct Row {
  /// The class the member belongs to (any of its spellings in the library
  /// implementations), or "" for a free function.
  llvm::StringLiteral Record;
  llvm::StringLiteral Function;
  LibraryStore Store;
};

// Each row: what the standard says the call does with its argument.
constexpr Row Table[] = {
    // std::exchange(obj, v): obj = v. std::swap(a, b): both ways.
    {"", "exchange", {1, T::Argument, 0, false, true}},
    {"", "swap", {1, T::Argument, 0, false, true}},
    {"", "swap", {0, T::Argument, 1, false, true}},
    // Atomic pointers: the object holds the new value.
    {"atomic", "store", {0, T::Object, 0, false, true}},
    {"atomic", "exchange", {0, T::Object, 0, false, true}},
    {"atomic", "compare_exchange_weak", {1, T::Object, 0, false, true}},
    {"atomic", "compare_exchange_strong", {1, T::Object, 0, false, true}},
    {"atomic", "operator=", {0, T::Object, 0, false, true}},
    {"atomic_ref", "store", {0, T::Object, 0, false, true}},
    {"atomic_ref", "exchange", {0, T::Object, 0, false, true}},
    // A promise's shared state keeps the value for its future.
    {"promise", "set_value", {0, T::Object, 0, false, true}},
    {"promise", "set_value_at_thread_exit", {0, T::Object, 0, false, true}},
    // std::any keeps a copy of whatever it is given, pointers included.
    {"any", "operator=", {0, T::Object, 0, false, true}},
    {"any", "emplace", {-1, T::Object, 0, false, true}},
    // std::tie(a, b) = pair: each tied variable is assigned.
    {"tuple", "operator=", {0, T::Tied, 0, false, true}},
    // Algorithms writing a range's elements through an output iterator.
    {"", "copy", {0, T::Inserter, 2, true, false}},
    {"", "copy_if", {0, T::Inserter, 2, true, false}},
    {"", "copy_n", {0, T::Inserter, 2, true, false}},
    {"", "move", {0, T::Inserter, 2, true, false}},
    {"", "transform", {0, T::Inserter, 2, true, false}},
};

/// Spellings of the classes whose members a row names, in libstdc++ and
/// libc++.
bool recordMatches(StringRef Row, const CXXRecordDecl *RD) {
  if (!RD || !RD->getIdentifier())
    return false;
  StringRef Name = RD->getName();
  if (Row == "atomic")
    return Name == "atomic" || Name == "__atomic_base" ||
           Name == "__atomic_base_impl";
  if (Row == "atomic_ref")
    return Name == "atomic_ref" || Name == "__atomic_ref";
  return Name == Row;
}

StringRef functionName(const FunctionDecl *FD) {
  if (FD->getOverloadedOperator() == OO_Equal)
    return "operator=";
  return FD->getIdentifier() ? FD->getName() : StringRef();
}

} // namespace

llvm::SmallVector<LibraryStore, 2> libraryStores(const FunctionDecl *Callee) {
  llvm::SmallVector<LibraryStore, 2> Result;
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Callee);
  const Decl *Owner = MD ? static_cast<const Decl *>(MD->getParent()) : Callee;
  if (!Callee || !compat::isInStlNamespace(Owner))
    return Result;
  StringRef Name = functionName(Callee);
  if (Name.empty())
    return Result;
  for (const Row &R : Table) {
    if (R.Function != Name)
      continue;
    bool Member = MD && MD->isInstance();
    if (R.Record.empty()
            ? Member
            : !recordMatches(R.Record, MD ? MD->getParent() : nullptr))
      continue;
    // std::transform's binary form writes through its fourth argument.
    LibraryStore S = R.Store;
    if (Name == "transform" && Callee->getNumParams() == 5)
      S.Into = 3;
    Result.push_back(S);
  }
  return Result;
}

} // namespace rcubox::borrow
