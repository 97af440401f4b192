//===- UserModel.h - A project's own RCU vocabulary -------------*- C++ -*-===//
//
// The RCU vocabulary a project declares in .rcubox.yaml's `Model:` key
// instead of marking its headers: its own guard classes (lttng-tools'
// lttng::urcu::read_lock_guard), lock/unlock wrappers, lookup helpers whose
// result is valid only inside the caller's section, and functions that wait
// for a grace period. The model layer (Annotations.h, RcuApi.h) answers for
// these names exactly as for a marker or a liburcu function, so every check
// sees them without knowing they came from the configuration.
//
// The model is bound to one translation unit's ASTContext while it is
// analysed (UserModelScope): the model's queries take only a declaration,
// and find the model through the declaration's ASTContext.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_MODEL_USERMODEL_H
#define RCUBOX_CORE_MODEL_USERMODEL_H

#include "core/model/RcuApi.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class NamedDecl;
} // namespace clang

namespace rcubox::model {

class UserModel {
public:
  /// \p Name is a fully qualified C++ name (a leading "::" is allowed) or a
  /// C function's name. Each returns the kind \p Name already has if it was
  /// declared differently before (the configuration reports the conflict).
  void addGuardType(llvm::StringRef Name);
  std::optional<ApiKind> addFunction(llvm::StringRef Name, ApiKind Kind);

  /// Adds every name of \p Other; \p Other's kinds win.
  void merge(const UserModel &Other);

  bool empty() const { return GuardTypes.empty() && Functions.empty(); }

  /// True if \p RD (or the template it was instantiated from) is a
  /// configured guard type.
  bool isGuardType(const clang::NamedDecl *RD) const;
  /// The configured meaning of calling \p FD, or ApiKind::None.
  ApiKind kindOf(const clang::NamedDecl *FD) const;

  /// The unqualified names of the configured guard types and functions:
  /// a translation unit that spells none of them uses none of them.
  std::vector<llvm::StringRef> guardTypeIdentifiers() const;
  std::vector<llvm::StringRef> functionIdentifiers() const;

  /// The spelling the configuration matches names in: no leading "::", no
  /// blanks.
  static std::string normalize(llvm::StringRef Name);
  /// True if \p Name is a C identifier or identifiers joined by "::".
  static bool isValidName(llvm::StringRef Name);

private:
  std::optional<std::string>
  qualifiedNameIfCandidate(const clang::NamedDecl *D,
                           const llvm::StringSet<> &Identifiers) const;

  llvm::StringSet<> GuardTypes;
  llvm::StringMap<ApiKind> Functions;
  /// Last components of the names above: a cheap rejection before building
  /// a declaration's qualified name.
  llvm::StringSet<> GuardIdentifiers;
  llvm::StringSet<> FunctionIdentifiers;
};

/// The model bound to \p Ctx's translation unit, or null.
const UserModel *userModelFor(const clang::ASTContext &Ctx);

/// Binds \p M to \p Ctx for this object's lifetime (the analysis of one
/// translation unit). Bindings are per thread: a tool analysing units on
/// several threads binds each on the thread that analyses it.
class UserModelScope {
public:
  UserModelScope(const clang::ASTContext &Ctx, const UserModel &M);
  ~UserModelScope();
  UserModelScope(const UserModelScope &) = delete;
  UserModelScope &operator=(const UserModelScope &) = delete;

private:
  const clang::ASTContext *Ctx;
};

} // namespace rcubox::model

#endif // RCUBOX_CORE_MODEL_USERMODEL_H
