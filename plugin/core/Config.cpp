//===- Config.cpp - What users configure, in every front end --------------===//

#include "core/Config.h"
#include "core/CheckRegistry.h"
#include "core/Suppression.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/YAMLParser.h"

namespace rcubox {

void Config::overlay(const Config &Overrides) {
  if (!Overrides.Checks.empty())
    Checks += "," + Overrides.Checks;
  if (!Overrides.WarningsAsErrors.empty())
    WarningsAsErrors += "," + Overrides.WarningsAsErrors;
  for (const auto &Entry : Overrides.Options)
    Options[Entry.getKey()] = Entry.getValue();
}

bool Config::isEnabled(llvm::StringRef Check) const {
  return matchesCheckGlobList(Checks, Check);
}

bool Config::isError(llvm::StringRef Check) const {
  return matchesCheckGlobList(WarningsAsErrors, Check);
}

namespace {

/// Walks the YAML document; the first problem wins and is reported with its
/// position, as "file:line:col: message".
class ConfigParser {
public:
  ConfigParser(llvm::StringRef Text, llvm::StringRef SourceName)
      : Text(Text), SourceName(SourceName) {
    SM.setDiagHandler(
        [](const llvm::SMDiagnostic &D, void *Context) {
          auto *Self = static_cast<ConfigParser *>(Context);
          if (Self->Problem.empty())
            Self->Problem = format(D.getLineNo(), D.getColumnNo() + 1,
                                   D.getMessage(), Self->SourceName);
        },
        this);
  }

  llvm::Expected<Config> parse() {
    Config Result;
    Result.Checks.clear();
    Result.Source = SourceName.str();
    llvm::yaml::Stream Stream(Text, SM);
    auto Doc = Stream.begin();
    if (Doc != Stream.end() && Doc->getRoot() &&
        !llvm::isa<llvm::yaml::NullNode>(Doc->getRoot()))
      parseTop(Doc->getRoot(), Result);
    if (!Problem.empty())
      return llvm::createStringError(llvm::inconvertibleErrorCode(), Problem);
    return Result;
  }

private:
  static std::string format(int Line, int Column, llvm::StringRef Message,
                            llvm::StringRef Source) {
    return (Source + ":" + llvm::Twine(Line) + ":" + llvm::Twine(Column) +
            ": " + Message)
        .str();
  }

  void fail(llvm::yaml::Node *N, const llvm::Twine &Message) {
    if (!Problem.empty())
      return;
    llvm::SMLoc Loc = N->getSourceRange().Start;
    auto [Line, Column] = SM.getLineAndColumn(Loc);
    Problem = format(Line, Column, Message.str(), SourceName);
  }

  std::optional<std::string> scalar(llvm::yaml::Node *N) {
    auto *S = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(N);
    if (!S) {
      fail(N, "expected a string");
      return std::nullopt;
    }
    llvm::SmallString<64> Storage;
    return S->getValue(Storage).str();
  }

  void parseTop(llvm::yaml::Node *Root, Config &Result) {
    auto *Map = llvm::dyn_cast<llvm::yaml::MappingNode>(Root);
    if (!Map)
      return fail(Root, "expected a mapping with keys Checks, "
                        "WarningsAsErrors, CheckOptions");
    for (llvm::yaml::KeyValueNode &KV : *Map) {
      std::optional<std::string> Key = scalar(KV.getKey());
      if (!Key)
        return;
      llvm::yaml::Node *Value = KV.getValue();
      if (*Key == "Checks" || *Key == "WarningsAsErrors") {
        std::optional<std::string> Globs = scalar(Value);
        if (!Globs)
          return;
        // A multi-line YAML string is one glob list.
        std::string Flat;
        for (char C : *Globs)
          Flat += (C == '\n' ? ',' : C);
        if (std::optional<std::string> Error = checkGlobListError(Flat))
          return fail(Value, *Key + ": " + *Error);
        (*Key == "Checks" ? Result.Checks : Result.WarningsAsErrors) = Flat;
      } else if (*Key == "CheckOptions") {
        parseOptions(Value, Result);
      } else {
        return fail(KV.getKey(), "unknown key '" + *Key +
                                     "' (keys: Checks, WarningsAsErrors, "
                                     "CheckOptions)");
      }
      if (!Problem.empty())
        return;
    }
  }

  void parseOptions(llvm::yaml::Node *N, Config &Result) {
    auto *Map = llvm::dyn_cast<llvm::yaml::MappingNode>(N);
    if (!Map)
      return fail(N, "CheckOptions: expected a mapping of "
                     "'<check>.<Option>: value'");
    for (llvm::yaml::KeyValueNode &KV : *Map) {
      std::optional<std::string> Key = scalar(KV.getKey());
      if (!Key)
        return;
      if (!isKnownOptionKey(*Key))
        return fail(KV.getKey(), "unknown check option '" + *Key +
                                     "' (options: " + knownOptionKeys() + ")");
      std::optional<std::string> Value = scalar(KV.getValue());
      if (!Value)
        return;
      Result.Options[*Key] = *Value;
    }
  }

  llvm::StringRef Text;
  llvm::StringRef SourceName;
  llvm::SourceMgr SM;
  std::string Problem;
};

} // namespace

llvm::Expected<Config> parseConfig(llvm::StringRef Text,
                                   llvm::StringRef SourceName) {
  return ConfigParser(Text, SourceName).parse();
}

llvm::Expected<Config> loadConfigFile(llvm::StringRef Path,
                                      llvm::vfs::FileSystem &FS) {
  auto Buffer = FS.getBufferForFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read configuration '" + Path +
                                       "': " + Buffer.getError().message());
  return parseConfig((*Buffer)->getBuffer(), Path);
}

std::optional<std::string> findConfigFile(llvm::StringRef SourceFile,
                                          llvm::vfs::FileSystem &FS) {
  llvm::SmallString<256> Dir(SourceFile);
  if (FS.makeAbsolute(Dir))
    return std::nullopt;
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  llvm::sys::path::remove_filename(Dir);
  for (llvm::StringRef D = Dir; !D.empty();
       D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> Candidate(D);
    llvm::sys::path::append(Candidate, ConfigFileName);
    if (FS.exists(Candidate))
      return Candidate.str().str();
  }
  return std::nullopt;
}

llvm::Expected<Config> configForFile(llvm::StringRef SourceFile,
                                     llvm::vfs::FileSystem &FS) {
  Config Result;
  if (std::optional<std::string> Path = findConfigFile(SourceFile, FS)) {
    llvm::Expected<Config> FromFile = loadConfigFile(*Path, FS);
    if (!FromFile)
      return FromFile.takeError();
    Result.overlay(*FromFile);
    Result.Source = *Path;
  }
  return Result;
}

} // namespace rcubox
