//===- RcuCheck.cpp - rcu-check, the LibTooling front end -----------------===//
//
//   rcu-check -p <build-dir> [files...] [-- extra compiler arguments]
//
// Checks the given files, or every entry of compile_commands.json, with the
// same checks as the plugin and the clang-tidy module, whatever compiler the
// project builds with. Exit status: 0 clean, 1 findings, 2 usage,
// configuration or compile errors. See docs/rcu-check.md.
//
//===----------------------------------------------------------------------===//

#include "core/AnalysisConsumer.h"
#include "core/CheckRegistry.h"
#include "core/Compat.h"
#include "core/Config.h"
#include "tool/CollectingReporter.h"
#include "tool/Outputs.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

using namespace clang;
using namespace clang::tooling;
namespace cl = llvm::cl;

namespace rcubox::tool {
namespace {

cl::OptionCategory Category("rcu-check options");

cl::opt<std::string> Checks("checks",
                            cl::desc("Checks to run, clang-tidy globs, applied "
                                     "after the configuration's"),
                            cl::value_desc("globs"), cl::cat(Category));
cl::opt<std::string>
    WarningsAsErrors("warnings-as-errors",
                     cl::desc("Checks whose findings are errors (globs)"),
                     cl::value_desc("globs"), cl::cat(Category));
cl::opt<std::string>
    ConfigFile("config-file",
               cl::desc("Read this configuration instead of the nearest "
                        ".rcubox.yaml of each file"),
               cl::value_desc("path"), cl::cat(Category));
cl::list<std::string>
    CheckOption("check-option",
                cl::desc("Set a check option: <check>.<Option>=<value>"),
                cl::value_desc("key=value"), cl::cat(Category));
enum class Format { Text, Json, Sarif };
cl::opt<Format> OutputFormat(
    "format", cl::desc("Output format"), cl::init(Format::Text),
    cl::values(clEnumValN(Format::Text, "text", "Clang's diagnostic format"),
               clEnumValN(Format::Json, "json", "a JSON array of findings"),
               clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0")),
    cl::cat(Category));
cl::opt<std::string> OutputFile("o", cl::desc("Write findings to <file>"),
                                cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    ExportFixes("export-fixes",
                cl::desc("Write fix-its as clang-tidy's YAML, for "
                         "clang-apply-replacements"),
                cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    SarifRoot("sarif-root",
              cl::desc("Write paths under <dir> relative to it (SARIF "
                       "%SRCROOT%, JSON); default: the current directory"),
              cl::value_desc("dir"), cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Translation units checked in parallel"),
                       cl::init(0), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the checks and exit"),
                         cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("No progress line, no summary"),
                    cl::cat(Category));

const char Overview[] =
    "rcu-check: rcubox's RCU checks (the same as the rcu-lifetime plugin "
    "and the rcu-tidy module) over a compilation database.\n\n"
    "Checks the given files, or every file of compile_commands.json when "
    "none is given. Exit status: 0 no findings, 1 findings, 2 usage, "
    "configuration or compile errors.\n";

/// What a run has learnt about one translation unit.
struct UnitResult {
  std::vector<StoredFinding> Findings;
  std::string Diagnostics; // The compiler's own errors, printed as one block.
  bool Failed = false;
};

class CheckAction final : public ASTFrontendAction {
public:
  CheckAction(const Config &C, CollectingReporter &R) : C(C), R(R) {}

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    R.beginSourceFile(CI.getSourceManager(), CI.getLangOpts());
    return std::make_unique<AnalysisConsumer>(C, R);
  }

private:
  const Config &C;
  CollectingReporter &R;
};

class CheckActionFactory final : public FrontendActionFactory {
public:
  CheckActionFactory(const Config &C, CollectingReporter &R) : C(C), R(R) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<CheckAction>(C, R);
  }

private:
  const Config &C;
  CollectingReporter &R;
};

/// Compiler arguments as rcu-check wants them, whatever the project's
/// compiler: no -fplugin (the project may load rcu-lifetime itself), no
/// warnings but ours, and this Clang's own headers.
ArgumentsAdjuster checkingAdjuster() {
  return [](const CommandLineArguments &Args, StringRef) {
    CommandLineArguments Out;
    bool HasResourceDir = false;
    for (const std::string &Arg : Args) {
      StringRef A = Arg;
      if (A.starts_with("-fplugin=") || A.starts_with("-fplugin-arg-"))
        continue;
      HasResourceDir |= A.starts_with("-resource-dir");
      Out.push_back(Arg);
    }
    // Warnings of the compilation are the project's business, not ours;
    // errors still stop the analysis of that file. Before any "--", which
    // ends the options.
    auto End = llvm::find(Out, "--");
    End = Out.insert(End, "-Wno-everything") + 1;
    if (!HasResourceDir)
      Out.insert(End, "-resource-dir=" RCUBOX_CLANG_RESOURCE_DIR);
    return Out;
  };
}

class Runner {
public:
  Runner(const CompilationDatabase &DB, Config Overrides,
         std::optional<Config> Explicit)
      : DB(DB), Overrides(std::move(Overrides)), Explicit(std::move(Explicit)) {
  }

  UnitResult run(const std::string &File) {
    UnitResult Result;
    llvm::raw_string_ostream Diags(Result.Diagnostics);
    llvm::Expected<Config> C = configFor(File);
    if (!C) {
      Diags << "error: " << llvm::toString(C.takeError()) << "\n";
      Result.Failed = true;
      return Result;
    }
    llvm::SmallString<256> Absolute(File);
    llvm::sys::fs::make_absolute(Absolute);
    CollectingReporter R(*C, Absolute.str().str());
    // Its own view of the file system: the working directory it takes from
    // the compile command must not be the process's, shared by all workers.
    ClangTool Tool(DB, {File}, std::make_shared<PCHContainerOperations>(),
                   llvm::vfs::createPhysicalFileSystem());
    Tool.appendArgumentsAdjuster(getStripPluginsAdjuster());
    Tool.appendArgumentsAdjuster(checkingAdjuster());
    compat::OwningTextDiagnosticPrinter Printer(Diags);
    Tool.setDiagnosticConsumer(&Printer);
    CheckActionFactory Factory(*C, R);
    Result.Failed = Tool.run(&Factory) != 0;
    Result.Findings = R.take();
    return Result;
  }

private:
  llvm::Expected<Config> configFor(const std::string &File) {
    Config C;
    if (Explicit) {
      C.overlay(*Explicit);
    } else {
      llvm::Expected<Config> Found =
          configForFile(File, *llvm::vfs::getRealFileSystem());
      if (!Found)
        return Found.takeError();
      C = std::move(*Found);
    }
    C.overlay(Overrides);
    return C;
  }

  const CompilationDatabase &DB;
  Config Overrides;
  std::optional<Config> Explicit;
};

/// "\r[3/17] file" on a terminal, nothing elsewhere.
class Progress {
public:
  explicit Progress(size_t Total)
      : Total(Total),
        Shown(Total > 1 && !Quiet && llvm::errs().is_displayed()) {}
  void step(llvm::StringRef File) {
    if (!Shown)
      return;
    std::lock_guard<std::mutex> Lock(M);
    ++Done;
    llvm::errs() << "\r\x1b[K[" << Done << "/" << Total << "] "
                 << llvm::sys::path::filename(File);
    llvm::errs().flush();
  }
  void finish() {
    if (Shown)
      llvm::errs() << "\r\x1b[K";
  }
  std::mutex M; // Also serialises printing of compiler diagnostics.

private:
  size_t Total;
  size_t Done = 0;
  bool Shown;
};

bool sameFinding(const StoredFinding &A, const StoredFinding &B) {
  return A.Check == B.Check && A.Where.File == B.Where.File &&
         A.Where.Begin.Offset == B.Where.Begin.Offset && A.Message == B.Message;
}

/// The value of -p, which CommonOptionsParser keeps to itself.
llvm::StringRef buildPathArgument(int Argc, const char **Argv) {
  llvm::StringRef Path;
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--")
      break;
    if ((Arg == "-p" || Arg == "--p") && I + 1 < Argc)
      Path = Argv[++I];
    else if (Arg.consume_front("-p=") || Arg.consume_front("--p="))
      Path = Arg;
  }
  return Path;
}

int usageError(const llvm::Twine &Message) {
  llvm::errs() << "rcu-check: error: " << Message << "\n";
  return 2;
}

int main(int Argc, const char **Argv) {
  llvm::sys::PrintStackTraceOnErrorSignal(Argv[0]);
  cl::HideUnrelatedOptions(Category);
  // Before the compilation database is looked for: a bare --list-checks
  // needs none.
  for (int I = 1; I < Argc; ++I)
    if (StringRef(Argv[I]) == "--list-checks" ||
        StringRef(Argv[I]) == "-list-checks") {
      for (const CheckInfo &C : allChecks())
        llvm::outs() << C.Name << ": " << C.Summary << "\n";
      return 0;
    }
  auto Parser = CommonOptionsParser::create(Argc, Argv, Category,
                                            cl::ZeroOrMore, Overview);
  if (!Parser) {
    llvm::errs() << "rcu-check: error: " << llvm::toString(Parser.takeError());
    return 2;
  }

  Config Overrides{/*Checks=*/"", /*WarningsAsErrors=*/"", {}, {}};
  for (auto [Flag, Globs] : {std::pair{"--checks", &Checks},
                             {"--warnings-as-errors", &WarningsAsErrors}}) {
    if (Globs->empty())
      continue;
    if (std::optional<std::string> Error = checkGlobListError(*Globs))
      return usageError(llvm::Twine(Flag) + "=" + *Globs + ": " + *Error);
  }
  Overrides.Checks = Checks;
  Overrides.WarningsAsErrors = WarningsAsErrors;
  for (StringRef Option : CheckOption) {
    auto [Key, Value] = Option.split('=');
    if (!isKnownOptionKey(Key))
      return usageError("--check-option=" + Option + ": unknown option '" +
                        Key + "' (options: " + knownOptionKeys() + ")");
    Overrides.Options[Key] = Value.str();
  }
  std::optional<Config> Explicit;
  if (!ConfigFile.empty()) {
    llvm::Expected<Config> C =
        loadConfigFile(ConfigFile, *llvm::vfs::getRealFileSystem());
    if (!C)
      return usageError(llvm::toString(C.takeError()));
    Explicit = std::move(*C);
  }

  std::vector<std::string> Files = Parser->getSourcePathList();
  // With no file named, CommonOptionsParser loads no database: every entry of
  // the one in the -p directory (or, without -p, the nearest above the
  // current directory) is checked.
  std::unique_ptr<CompilationDatabase> AllFilesDB;
  if (Files.empty()) {
    std::string Error;
    llvm::StringRef BuildPath = buildPathArgument(Argc, Argv);
    AllFilesDB = BuildPath.empty()
                     ? CompilationDatabase::autoDetectFromSource(".", Error)
                     : CompilationDatabase::loadFromDirectory(BuildPath, Error);
    if (!AllFilesDB)
      return usageError(
          (BuildPath.empty()
               ? llvm::Twine("no compilation database here or above")
               : "no compilation database in '" + BuildPath + "'") +
          ": " + llvm::StringRef(Error).trim());
    Files = AllFilesDB->getAllFiles();
  }
  const CompilationDatabase &DB =
      AllFilesDB ? *AllFilesDB : Parser->getCompilations();
  if (Files.empty())
    return usageError("no files to check: name them, or give -p <build-dir> "
                      "with a non-empty compile_commands.json");

  Runner Run(DB, std::move(Overrides), std::move(Explicit));
  std::vector<UnitResult> Results(Files.size());
  Progress Bar(Files.size());
  std::atomic<size_t> Next{0};
  auto Worker = [&] {
    for (size_t I; (I = Next++) < Files.size();) {
      Results[I] = Run.run(Files[I]);
      if (!Results[I].Diagnostics.empty()) {
        std::lock_guard<std::mutex> Lock(Bar.M);
        llvm::errs() << "\r\x1b[K" << Results[I].Diagnostics;
      }
      Bar.step(Files[I]);
    }
  };
  unsigned Threads =
      Jobs ? Jobs : llvm::hardware_concurrency().compute_thread_count();
  Threads = std::max(1u, std::min<unsigned>(Threads, Files.size()));
  std::vector<std::thread> Pool;
  for (unsigned T = 1; T < Threads; ++T)
    Pool.emplace_back(Worker);
  Worker();
  for (std::thread &T : Pool)
    T.join();
  Bar.finish();

  // In file order, then source order; a header's finding seen from several
  // translation units is reported once.
  std::vector<StoredFinding> All;
  bool CompileErrors = false;
  for (UnitResult &R : Results) {
    CompileErrors |= R.Failed;
    for (StoredFinding &F : R.Findings)
      if (llvm::none_of(All, [&](const StoredFinding &Seen) {
            return sameFinding(Seen, F);
          }))
        All.push_back(std::move(F));
  }

  OutputOptions Opts;
  Opts.ToolVersion = RCUBOX_VERSION;
  Opts.DocsUrl = RCUBOX_DOCS_URL;
  llvm::SmallString<256> Root(SarifRoot.empty() ? "." : SarifRoot.getValue());
  llvm::sys::fs::make_absolute(Root);
  llvm::sys::path::remove_dots(Root, /*remove_dot_dot=*/true);
  Opts.SourceRoot = Root.str().str();

  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!OutputFile.empty()) {
    std::error_code EC;
    File = std::make_unique<llvm::raw_fd_ostream>(OutputFile, EC);
    if (EC)
      return usageError("cannot write '" + OutputFile + "': " + EC.message());
  }
  llvm::raw_ostream &OS = File ? *File : llvm::outs();
  switch (OutputFormat) {
  case Format::Text:
    writeText(OS, All, !File && llvm::outs().has_colors());
    break;
  case Format::Json:
    writeJson(OS, All, Opts);
    break;
  case Format::Sarif:
    writeSarif(OS, All, Opts);
    break;
  }
  if (!ExportFixes.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream Fixes(ExportFixes, EC);
    if (EC)
      return usageError("cannot write '" + ExportFixes + "': " + EC.message());
    writeFixes(Fixes, All);
  }

  OS.flush(); // The findings, then the summary, on a shared terminal.
  if (!Quiet) {
    size_t Errors = llvm::count_if(All, [](auto &F) { return F.IsError; });
    llvm::errs() << "rcu-check: " << Files.size() << " file"
                 << (Files.size() == 1 ? "" : "s") << " checked, "
                 << All.size() - Errors << " warning"
                 << (All.size() - Errors == 1 ? "" : "s") << ", " << Errors
                 << " error" << (Errors == 1 ? "" : "s")
                 << (CompileErrors ? "; some files did not compile" : "")
                 << "\n";
  }
  if (CompileErrors)
    return 2;
  return All.empty() ? 0 : 1;
}

} // namespace
} // namespace rcubox::tool

int main(int Argc, const char **Argv) { return rcubox::tool::main(Argc, Argv); }
