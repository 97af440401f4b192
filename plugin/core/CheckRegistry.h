//===- CheckRegistry.h - Instantiating the checks ---------------*- C++ -*-===//
#ifndef RCUBOX_CORE_CHECKREGISTRY_H
#define RCUBOX_CORE_CHECKREGISTRY_H

#include "core/Check.h"
#include <memory>
#include <vector>

namespace rcubox {

/// Names of every check, in Checks.def order.
llvm::ArrayRef<llvm::StringRef> allCheckNames();

/// Creates the checks whose names match \p GlobList (clang-tidy syntax:
/// "*,-rcu-send-sync").
std::vector<std::unique_ptr<Check>> createChecks(llvm::StringRef GlobList,
                                                 Reporter &R,
                                                 const CheckOptions &Options);

} // namespace rcubox

#endif // RCUBOX_CORE_CHECKREGISTRY_H
