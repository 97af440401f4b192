//===- RcuLifetimePlugin.cpp - The clang++ -fplugin front end -------------===//
//
// Loaded with clang++ -fplugin=rcu-lifetime.so. Runs the checks after the
// main action (so alongside a normal compilation, or with -fsyntax-only); it
// only adds diagnostics and never changes code generation.
//
// Arguments (-fplugin-arg-rcu-lifetime-<arg>):
//   werror            report findings as errors
//   checks=<globs>    clang-tidy style check selection, e.g. "*,-rcu-send-sync"
//   <option>[=value]  an option declared in core/Checks.def
//   help              list the checks and options
//
//===----------------------------------------------------------------------===//

#include "core/CheckRegistry.h"
#include "core/Reporter.h"
#include "core/Suppression.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace rcubox {
namespace {

struct OptionInfo {
  llvm::StringRef Name;
  llvm::StringRef Help;
};

constexpr OptionInfo KnownOptions[] = {
#define RCU_CHECK_OPTION(Name, Help) {Name, Help},
#include "core/Checks.def"
    {"", ""}};

bool isKnownOption(llvm::StringRef Name) {
  for (const OptionInfo &O : KnownOptions)
    if (!O.Name.empty() && O.Name == Name)
      return true;
  return false;
}

class RcuLifetimeConsumer final : public ASTConsumer {
public:
  RcuLifetimeConsumer(CompilerInstance &CI, std::string Checks, bool Werror,
                      CheckOptions Options)
      : Options(std::move(Options)),
        R(CI.getDiagnostics(), CI.getSourceManager(), Werror),
        Checks(createChecks(Checks, R, this->Options)) {
    for (auto &C : this->Checks)
      C->registerMatchers(Finder);
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    // Code that failed to compile has no reliable meaning to analyse; the
    // compiler's own errors are what the user needs to see first.
    if (Ctx.getDiagnostics().hasUncompilableErrorOccurred())
      return;
    // Last line of defence: a bug in a check must not crash the compiler.
    llvm::CrashRecoveryContext Recovery;
    if (!Recovery.RunSafely([&] {
          Finder.matchAST(Ctx);
          for (auto &C : Checks)
            C->finishTranslationUnit(Ctx);
        }))
      llvm::errs()
          << "rcu-lifetime: internal error; the rest of this "
             "translation unit was not analysed (please report this)\n";
  }

private:
  CheckOptions Options;
  DiagnosticReporter R;
  std::vector<std::unique_ptr<Check>> Checks;
  ast_matchers::MatchFinder Finder;
};

class RcuLifetimeAction final : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    // The driver splits -fplugin-arg-<name>-<arg> at the first dash, so
    // -fplugin-arg-rcu-lifetime-werror arrives as argument "lifetime-werror"
    // of a plugin called "rcu".
    std::vector<std::string> DriverArgs;
    for (llvm::StringRef Arg : CI.getFrontendOpts().PluginArgs["rcu"])
      if (Arg.consume_front("lifetime-"))
        DriverArgs.push_back(Arg.str());
    if (!parse(CI, DriverArgs))
      return std::make_unique<ASTConsumer>();
    return std::make_unique<RcuLifetimeConsumer>(CI, CheckGlobs, Werror,
                                                 Options);
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    return parse(CI, Args);
  }

  bool parse(const CompilerInstance &CI, const std::vector<std::string> &Args) {
    for (llvm::StringRef Arg : Args) {
      auto [Key, Value] = Arg.split('=');
      if (Key == "werror") {
        Werror = true;
      } else if (Key == "checks") {
        CheckGlobs += "," + Value.str();
        if (!validChecks(Value)) {
          reportBadArg(CI, Arg, "it selects no known check");
          return false;
        }
      } else if (Key == "help") {
        printHelp();
      } else if (isKnownOption(Key)) {
        Options[Key] = Value.str();
      } else {
        reportBadArg(CI, Arg, "unknown argument");
        return false;
      }
    }
    return true;
  }

  ActionType getActionType() override { return AddAfterMainAction; }

private:
  static bool validChecks(llvm::StringRef Globs) {
    // Every positive glob must name at least one check, or it is a typo.
    llvm::SmallVector<llvm::StringRef, 4> Items;
    Globs.split(Items, ',', -1, false);
    for (llvm::StringRef Item : Items) {
      Item = Item.trim();
      if (Item.starts_with("-"))
        continue;
      bool Any = false;
      for (llvm::StringRef Name : allCheckNames())
        Any |= matchesCheckGlobList(Item, Name);
      if (!Any)
        return false;
    }
    return true;
  }

  static void reportBadArg(const CompilerInstance &CI, llvm::StringRef Arg,
                           llvm::StringRef Why) {
    std::string Known;
    for (llvm::StringRef Name : allCheckNames())
      Known += (Known.empty() ? "" : ", ") + Name.str();
    DiagnosticsEngine &D = CI.getDiagnostics();
    unsigned ID = D.getCustomDiagID(
        DiagnosticsEngine::Error,
        "rcu-lifetime plugin: bad argument '%0': %1 (arguments: werror, "
        "checks=<globs>, help; checks: %2)");
    D.Report(ID) << Arg << Why << Known;
  }

  static void printHelp() {
    llvm::errs() << "rcu-lifetime plugin arguments (-fplugin-arg-rcu-lifetime-"
                    "<arg>):\n  werror\n  checks=<globs>\n  help\n";
    for (const OptionInfo &O : KnownOptions)
      if (!O.Name.empty())
        llvm::errs() << "  " << O.Name << ": " << O.Help << "\n";
    llvm::errs() << "checks:\n";
    for (llvm::StringRef Name : allCheckNames())
      llvm::errs() << "  " << Name << "\n";
  }

  std::string CheckGlobs = "*";
  bool Werror = false;
  CheckOptions Options;
};

} // namespace
} // namespace rcubox

static FrontendPluginRegistry::Add<rcubox::RcuLifetimeAction>
    X("rcu-lifetime", "RCU borrow and thread-safety checks (rcubox)");
