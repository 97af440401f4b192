//===- CheckRegistry.cpp - Instantiating the checks -----------------------===//

#include "core/CheckRegistry.h"
#include "core/Suppression.h"
#include "core/borrow/BorrowEscapeCheck.h"
#include "core/sendsync/SendSyncCheck.h"

namespace rcubox {

llvm::ArrayRef<llvm::StringRef> allCheckNames() {
  static const llvm::StringRef Names[] = {
#define RCU_CHECK(Class, Name) Name,
#include "core/Checks.def"
  };
  return Names;
}

std::vector<std::unique_ptr<Check>> createChecks(llvm::StringRef GlobList,
                                                 Reporter &R,
                                                 const CheckOptions &Options) {
  std::vector<std::unique_ptr<Check>> Checks;
#define RCU_CHECK(Class, Name)                                                 \
  if (matchesCheckGlobList(GlobList, Name))                                    \
    Checks.push_back(std::make_unique<Class>(Name, R, Options));
#include "core/Checks.def"
  return Checks;
}

} // namespace rcubox
