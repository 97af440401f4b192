//===- CheckRegistry.cpp - The checks and their options -------------------===//

#include "core/CheckRegistry.h"
#include "core/Suppression.h"
#include "core/borrow/BorrowEscapeCheck.h"
#include "core/guard/GuardMisuseCheck.h"
#include "core/sendsync/SendSyncCheck.h"
#include "core/sync/SyncInReadSectionCheck.h"
#include "core/unbalanced/UnbalancedSectionCheck.h"

namespace rcubox {

llvm::ArrayRef<CheckInfo> allChecks() {
  static const CheckInfo Checks[] = {
#define RCU_CHECK(Class, Name, Summary, Description)                           \
  {Name, Summary, Description},
#include "core/Checks.def"
  };
  return Checks;
}

llvm::ArrayRef<llvm::StringRef> allCheckNames() {
  static const llvm::StringRef Names[] = {
#define RCU_CHECK(Class, Name, Summary, Description) Name,
#include "core/Checks.def"
  };
  return Names;
}

llvm::ArrayRef<CheckOptionInfo> allCheckOptions() {
  static const CheckOptionInfo Options[] = {
#define RCU_CHECK_OPTION(Check, Name, Help) {Check, Name, Help},
#include "core/Checks.def"
  };
  return Options;
}

bool isKnownOptionKey(llvm::StringRef Key) {
  return llvm::any_of(allCheckOptions(),
                      [&](const CheckOptionInfo &O) { return O.key() == Key; });
}

static std::string joined(llvm::ArrayRef<std::string> Items) {
  std::string Out;
  for (const std::string &Item : Items)
    Out += (Out.empty() ? "" : ", ") + Item;
  return Out;
}

std::string knownOptionKeys() {
  std::vector<std::string> Keys;
  for (const CheckOptionInfo &O : allCheckOptions())
    Keys.push_back(O.key());
  return joined(Keys);
}

std::string knownCheckNames() {
  std::vector<std::string> Names;
  for (llvm::StringRef Name : allCheckNames())
    Names.push_back(Name.str());
  return joined(Names);
}

std::optional<std::string> checkGlobListError(llvm::StringRef GlobList) {
  llvm::SmallVector<llvm::StringRef, 4> Items;
  GlobList.split(Items, ',', -1, false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    if (Item.empty() || Item.starts_with("-"))
      continue;
    if (llvm::none_of(allCheckNames(), [&](llvm::StringRef Name) {
          return matchesCheckGlobList(Item, Name);
        }))
      return "'" + Item.str() +
             "' selects no check (checks: " + knownCheckNames() + ")";
  }
  return std::nullopt;
}

std::unique_ptr<Check> createCheck(llvm::StringRef Name, Reporter &R,
                                   const CheckOptions &Options) {
#define RCU_CHECK(Class, CheckName, Summary, Description)                      \
  if (Name == CheckName)                                                       \
    return std::make_unique<Class>(CheckName, R, Options);
#include "core/Checks.def"
  return nullptr;
}

std::vector<std::unique_ptr<Check>> createChecks(llvm::StringRef GlobList,
                                                 Reporter &R,
                                                 const CheckOptions &Options) {
  std::vector<std::unique_ptr<Check>> Checks;
  for (llvm::StringRef Name : allCheckNames())
    if (matchesCheckGlobList(GlobList, Name))
      Checks.push_back(createCheck(Name, R, Options));
  return Checks;
}

} // namespace rcubox
