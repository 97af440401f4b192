//===- RcuTidyModule.cpp - The clang-tidy front end -----------------------===//
//
// clang-tidy --load=rcu-tidy.so --checks='-*,rcu-*': every check of
// core/Checks.def under its own name. rcu-tidy.so is the version-checking
// shim (plugin/loader); this is rcu-tidy-impl.so. It links libclang-cpp and
// libLLVM as clang-tidy does, and takes clang-tidy's own classes from the
// clang-tidy executable that loads it (never a second, static copy of them).
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyModule.h"
#include "core/CheckRegistry.h"
#include "tidy/TidyCheckAdapter.h"
#include "llvm/Config/llvm-config.h"
// LLVM 22 moved the registry into ClangTidyModule.h.
#if LLVM_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace rcubox::tidy {
namespace {

class RcuTidyModule final : public clang::tidy::ClangTidyModule {
public:
  void
  addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    for (const CheckInfo &C : allChecks())
      Factories.registerCheckFactory(
          C.Name, [](llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx) {
            return std::make_unique<TidyCheckAdapter>(Name, Ctx);
          });
  }
};

} // namespace
} // namespace rcubox::tidy

static clang::tidy::ClangTidyModuleRegistry::Add<rcubox::tidy::RcuTidyModule>
    X("rcubox-module", "RCU borrow and thread-safety checks (rcubox)");
