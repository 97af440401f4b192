//===- CheckRegistry.h - The checks and their options -----------*- C++ -*-===//
//
// Everything a front end needs to know about the checks, read from
// Checks.def: names, descriptions (for help and SARIF rules), options, and
// how to instantiate them.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_CHECKREGISTRY_H
#define RCUBOX_CORE_CHECKREGISTRY_H

#include "core/Check.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rcubox {

struct CheckInfo {
  llvm::StringRef Name;
  llvm::StringRef Summary;     ///< One line, no final period.
  llvm::StringRef Description; ///< A paragraph.
};

struct CheckOptionInfo {
  llvm::StringRef Check;
  llvm::StringRef Name;
  llvm::StringRef Help;
  /// "<check>.<Option>", the spelling in every front end.
  std::string key() const { return (Check + "." + Name).str(); }
};

/// Every check, in Checks.def order.
llvm::ArrayRef<CheckInfo> allChecks();
/// Names of every check, in Checks.def order.
llvm::ArrayRef<llvm::StringRef> allCheckNames();
/// Every check option, in Checks.def order.
llvm::ArrayRef<CheckOptionInfo> allCheckOptions();

/// True if \p Key is "<check>.<Option>" for a declared option.
bool isKnownOptionKey(llvm::StringRef Key);
/// "rcu-send-sync.Audit, ..." for error messages.
std::string knownOptionKeys();
/// "rcu-borrow-escape, rcu-send-sync" for error messages.
std::string knownCheckNames();

/// A reason if some positive glob of \p GlobList selects no check (a typo).
std::optional<std::string> checkGlobListError(llvm::StringRef GlobList);

/// Creates the check called \p Name, or null if there is none.
std::unique_ptr<Check> createCheck(llvm::StringRef Name, Reporter &R,
                                   const CheckOptions &Options);

/// Creates the checks whose names match \p GlobList (clang-tidy syntax:
/// "*,-rcu-send-sync").
std::vector<std::unique_ptr<Check>> createChecks(llvm::StringRef GlobList,
                                                 Reporter &R,
                                                 const CheckOptions &Options);

} // namespace rcubox

#endif // RCUBOX_CORE_CHECKREGISTRY_H
