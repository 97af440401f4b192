//===- UserModel.cpp - A project's own RCU vocabulary ---------------------===//

#include "core/model/UserModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/CharInfo.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace rcubox::model {

std::string UserModel::normalize(StringRef Name) {
  Name = Name.trim();
  Name.consume_front("::");
  return Name.str();
}

bool UserModel::isValidName(StringRef Name) {
  Name = Name.trim();
  Name.consume_front("::");
  if (Name.empty())
    return false;
  llvm::SmallVector<StringRef, 4> Parts;
  Name.split(Parts, "::");
  return llvm::all_of(
      Parts, [](StringRef Part) { return isValidAsciiIdentifier(Part); });
}

static StringRef lastComponent(StringRef Name) {
  size_t Colons = Name.rfind("::");
  return Colons == StringRef::npos ? Name : Name.drop_front(Colons + 2);
}

void UserModel::addGuardType(StringRef Name) {
  std::string Normal = normalize(Name);
  GuardIdentifiers.insert(lastComponent(Normal));
  GuardTypes.insert(Normal);
}

std::optional<ApiKind> UserModel::addFunction(StringRef Name, ApiKind Kind) {
  std::string Normal = normalize(Name);
  auto [It, New] = Functions.try_emplace(Normal, Kind);
  if (!New && It->second != Kind)
    return It->second;
  FunctionIdentifiers.insert(lastComponent(Normal));
  return std::nullopt;
}

void UserModel::merge(const UserModel &Other) {
  for (const auto &Name : Other.GuardTypes)
    addGuardType(Name.getKey());
  for (const auto &Entry : Other.Functions) {
    Functions[Entry.getKey()] = Entry.getValue();
    FunctionIdentifiers.insert(lastComponent(Entry.getKey()));
  }
}

std::optional<std::string> UserModel::qualifiedNameIfCandidate(
    const NamedDecl *D, const llvm::StringSet<> &Identifiers) const {
  if (!D || Identifiers.empty() || !D->getDeclName().isIdentifier() ||
      !Identifiers.contains(D->getName()))
    return std::nullopt;
  return D->getQualifiedNameAsString();
}

bool UserModel::isGuardType(const NamedDecl *RD) const {
  if (std::optional<std::string> Name =
          qualifiedNameIfCandidate(RD, GuardIdentifiers))
    return GuardTypes.contains(*Name);
  return false;
}

ApiKind UserModel::kindOf(const NamedDecl *FD) const {
  if (std::optional<std::string> Name =
          qualifiedNameIfCandidate(FD, FunctionIdentifiers))
    return Functions.lookup(*Name);
  return ApiKind::None;
}

static std::vector<StringRef> keysOf(const llvm::StringSet<> &Set) {
  std::vector<StringRef> Keys;
  for (const auto &Entry : Set)
    Keys.push_back(Entry.getKey());
  return Keys;
}

std::vector<StringRef> UserModel::guardTypeIdentifiers() const {
  return keysOf(GuardIdentifiers);
}

std::vector<StringRef> UserModel::functionIdentifiers() const {
  return keysOf(FunctionIdentifiers);
}

namespace {
struct Binding {
  const ASTContext *Ctx;
  const UserModel *Model;
};
} // namespace

/// The translation units being analysed on this thread and their models;
/// almost always zero or one.
static thread_local llvm::SmallVector<Binding, 1> Bindings;

const UserModel *userModelFor(const ASTContext &Ctx) {
  for (const Binding &B : llvm::reverse(Bindings))
    if (B.Ctx == &Ctx)
      return B.Model;
  return nullptr;
}

UserModelScope::UserModelScope(const ASTContext &Ctx, const UserModel &M)
    : Ctx(&Ctx) {
  Bindings.push_back({&Ctx, &M});
}

UserModelScope::~UserModelScope() {
  for (auto It = Bindings.rbegin(); It != Bindings.rend(); ++It)
    if (It->Ctx == Ctx) {
      Bindings.erase(std::next(It).base());
      return;
    }
}

} // namespace rcubox::model
