//===- RcuLifetimePlugin.cpp - The clang++ -fplugin front end -------------===//
//
// Loaded with clang++ -fplugin=rcu-lifetime.so (a shim that checks the
// Clang version first, see plugin/loader). Runs the checks after the main
// action (so alongside a normal compilation, or with -fsyntax-only); it only
// adds diagnostics and never changes code generation.
//
// Arguments (-fplugin-arg-rcu-lifetime-<arg>), applied on top of the nearest
// .rcubox.yaml (see docs/config.md):
//   checks=<globs>               clang-tidy style selection: -*,rcu-send-sync
//   werror                       every finding is an error
//   warnings-as-errors=<globs>   findings of these checks are errors
//   config=<file>                this configuration instead of .rcubox.yaml
//   <check>.<Option>=<value>     a check option declared in core/Checks.def
//   help                         list the checks and options
//
//===----------------------------------------------------------------------===//

#include "core/AnalysisConsumer.h"
#include "core/CheckRegistry.h"
#include "core/Config.h"
#include "core/Reporter.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace rcubox {
namespace {

/// Owns the reporter the consumer reports to.
class PluginConsumer final : public ASTConsumer {
public:
  PluginConsumer(CompilerInstance &CI, const Config &C)
      : R(CI.getDiagnostics(), CI.getSourceManager(), C.WarningsAsErrors),
        Analysis(C, R) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    Analysis.HandleTranslationUnit(Ctx);
  }

private:
  DiagnosticReporter R;
  AnalysisConsumer Analysis;
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
    std::optional<Config> C = configFor(CI);
    if (!C)
      return std::make_unique<ASTConsumer>();
    return std::make_unique<PluginConsumer>(CI, *C);
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    return parse(CI, Args);
  }

  ActionType getActionType() override { return AddAfterMainAction; }

private:
  bool parse(const CompilerInstance &CI, const std::vector<std::string> &Args) {
    for (llvm::StringRef Arg : Args) {
      auto [Key, Value] = Arg.split('=');
      if (Key == "werror") {
        Overrides.WarningsAsErrors += ",*";
      } else if (Key == "checks" || Key == "warnings-as-errors") {
        if (std::optional<std::string> Error = checkGlobListError(Value)) {
          reportBadArg(CI, Arg, *Error);
          return false;
        }
        (Key == "checks" ? Overrides.Checks : Overrides.WarningsAsErrors) +=
            "," + Value.str();
      } else if (Key == "config") {
        ConfigFile = Value.str();
      } else if (Key == "help") {
        printHelp();
      } else if (isKnownOptionKey(Key)) {
        Overrides.Options[Key] = Value.str();
      } else {
        reportBadArg(CI, Arg,
                     "unknown argument (arguments: checks=<globs>, werror, "
                     "warnings-as-errors=<globs>, config=<file>, help, "
                     "<check>.<Option>=<value>; checks: " +
                         knownCheckNames() + "; options: " + knownOptionKeys() +
                         ")");
        return false;
      }
    }
    return true;
  }

  /// Defaults, then .rcubox.yaml (or config=), then the plugin arguments.
  std::optional<Config> configFor(CompilerInstance &CI) {
    llvm::vfs::FileSystem &FS = CI.getVirtualFileSystem();
    llvm::Expected<Config> Base = Config();
    if (!ConfigFile.empty()) {
      Base = loadConfigFile(ConfigFile, FS);
    } else {
      const auto &Inputs = CI.getFrontendOpts().Inputs;
      if (!Inputs.empty() && Inputs[0].isFile())
        Base = configForFile(Inputs[0].getFile(), FS);
    }
    if (!Base) {
      DiagnosticsEngine &D = CI.getDiagnostics();
      D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                                 "rcu-lifetime plugin: %0"))
          << llvm::toString(Base.takeError());
      return std::nullopt;
    }
    Base->overlay(Overrides);
    return std::move(*Base);
  }

  static void reportBadArg(const CompilerInstance &CI, llvm::StringRef Arg,
                           llvm::StringRef Why) {
    DiagnosticsEngine &D = CI.getDiagnostics();
    unsigned ID = D.getCustomDiagID(
        DiagnosticsEngine::Error, "rcu-lifetime plugin: bad argument '%0': %1");
    D.Report(ID) << Arg << Why;
  }

  static void printHelp() {
    llvm::errs() << "rcu-lifetime plugin arguments (-fplugin-arg-rcu-lifetime-"
                    "<arg>):\n"
                    "  checks=<globs>              select checks "
                    "(clang-tidy globs)\n"
                    "  werror                      report every finding as an "
                    "error\n"
                    "  warnings-as-errors=<globs>  report these checks' "
                    "findings as errors\n"
                    "  config=<file>               read this file instead of "
                    "the nearest .rcubox.yaml\n"
                    "  help                        print this\n"
                    "check options (<check>.<Option>=<value>):\n";
    for (const CheckOptionInfo &O : allCheckOptions())
      llvm::errs() << "  " << O.key() << "=" << O.Help << "\n";
    llvm::errs() << "checks:\n";
    for (const CheckInfo &C : allChecks())
      llvm::errs() << "  " << C.Name << ": " << C.Summary << "\n";
  }

  Config Overrides{/*Checks=*/"", /*WarningsAsErrors=*/"", {}, {}};
  std::string ConfigFile;
};

} // namespace
} // namespace rcubox

static FrontendPluginRegistry::Add<rcubox::RcuLifetimeAction>
    X("rcu-lifetime", "RCU borrow and thread-safety checks (rcubox)");
