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
  Model.merge(Overrides.Model);
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
                        "WarningsAsErrors, CheckOptions, Model");
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
      } else if (*Key == "Model") {
        parseModel(Value, Result.Model);
      } else {
        return fail(KV.getKey(), "unknown key '" + *Key +
                                     "' (keys: Checks, WarningsAsErrors, "
                                     "CheckOptions, Model)");
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

  /// Model: the project's own RCU vocabulary (docs/config.md).
  void parseModel(llvm::yaml::Node *N, model::UserModel &Model) {
    static constexpr llvm::StringLiteral Keys =
        "GuardTypes, SectionFunctions, BorrowingFunctions, WaitingFunctions";
    auto *Map = llvm::dyn_cast<llvm::yaml::MappingNode>(N);
    if (!Map)
      return fail(N, "Model: expected a mapping with keys " + Keys);
    for (llvm::yaml::KeyValueNode &KV : *Map) {
      std::optional<std::string> Key = scalar(KV.getKey());
      if (!Key)
        return;
      llvm::yaml::Node *Value = KV.getValue();
      if (*Key == "GuardTypes") {
        forEachName(Value, *Key, [&](llvm::yaml::Node *, llvm::StringRef Name) {
          Model.addGuardType(Name);
        });
      } else if (*Key == "BorrowingFunctions") {
        forEachName(
            Value, *Key, [&](llvm::yaml::Node *At, llvm::StringRef Name) {
              addFunction(Model, At, Name, model::ApiKind::BorrowSource);
            });
      } else if (*Key == "WaitingFunctions") {
        forEachName(
            Value, *Key, [&](llvm::yaml::Node *At, llvm::StringRef Name) {
              addFunction(Model, At, Name, model::ApiKind::GracePeriodWait);
            });
      } else if (*Key == "SectionFunctions") {
        parseSectionFunctions(Value, Model);
      } else {
        return fail(KV.getKey(),
                    "unknown key 'Model." + *Key + "' (keys: " + Keys + ")");
      }
      if (!Problem.empty())
        return;
    }
  }

  /// A list of names, each fully qualified (C++) or a C function's.
  void forEachName(
      llvm::yaml::Node *N, llvm::StringRef Key,
      llvm::function_ref<void(llvm::yaml::Node *, llvm::StringRef)> Add) {
    auto *List = llvm::dyn_cast<llvm::yaml::SequenceNode>(N);
    if (!List)
      return fail(N, "Model." + Key + ": expected a list of names");
    for (llvm::yaml::Node &Item : *List) {
      std::optional<std::string> Name = name(&Item, Key);
      if (!Name)
        return;
      Add(&Item, *Name);
      if (!Problem.empty())
        return;
    }
  }

  std::optional<std::string> name(llvm::yaml::Node *N, llvm::StringRef Key) {
    std::optional<std::string> Name = scalar(N);
    if (Name && !model::UserModel::isValidName(*Name)) {
      fail(N, "Model." + Key + ": '" + *Name +
                  "' is not a C function or fully qualified C++ name");
      return std::nullopt;
    }
    return Name;
  }

  /// SectionFunctions: [{Begin: lock, End: unlock}, ...]
  void parseSectionFunctions(llvm::yaml::Node *N, model::UserModel &Model) {
    static constexpr llvm::StringLiteral Shape =
        "Model.SectionFunctions: expected a list of {Begin: <function>, "
        "End: <function>}";
    auto *List = llvm::dyn_cast<llvm::yaml::SequenceNode>(N);
    if (!List)
      return fail(N, Shape);
    for (llvm::yaml::Node &Item : *List) {
      auto *Pair = llvm::dyn_cast<llvm::yaml::MappingNode>(&Item);
      if (!Pair)
        return fail(&Item, Shape);
      bool HasBegin = false, HasEnd = false;
      for (llvm::yaml::KeyValueNode &KV : *Pair) {
        std::optional<std::string> Key = scalar(KV.getKey());
        if (!Key)
          return;
        if (*Key != "Begin" && *Key != "End")
          return fail(KV.getKey(), "unknown key '" + *Key +
                                       "' in Model.SectionFunctions (keys: "
                                       "Begin, End)");
        std::optional<std::string> Name =
            name(KV.getValue(), "SectionFunctions");
        if (!Name)
          return;
        bool IsBegin = *Key == "Begin";
        (IsBegin ? HasBegin : HasEnd) = true;
        addFunction(Model, KV.getValue(), *Name,
                    IsBegin ? model::ApiKind::SectionBegin
                            : model::ApiKind::SectionEnd);
        if (!Problem.empty())
          return;
      }
      // A section that is only opened (or only closed) cannot balance.
      if (!HasBegin || !HasEnd)
        return fail(&Item, "Model.SectionFunctions: each entry needs both "
                           "Begin and End");
    }
  }

  void addFunction(model::UserModel &Model, llvm::yaml::Node *At,
                   llvm::StringRef Name, model::ApiKind Kind) {
    if (std::optional<model::ApiKind> Before = Model.addFunction(Name, Kind))
      fail(At,
           "Model: '" + Name + "' is already declared as " + describe(*Before));
  }

  static llvm::StringRef describe(model::ApiKind Kind) {
    switch (Kind) {
    case model::ApiKind::SectionBegin:
      return "a section's Begin";
    case model::ApiKind::SectionEnd:
      return "a section's End";
    case model::ApiKind::BorrowSource:
      return "a borrowing function";
    case model::ApiKind::GracePeriodWait:
      return "a waiting function";
    default:
      return "something else";
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
  llvm::Expected<Config> FromFile = parseConfig((*Buffer)->getBuffer(), Path);
  if (!FromFile)
    return FromFile.takeError();
  // What the file does not say keeps its default: a file with only a Model
  // key runs every check, as it does when found by configForFile.
  Config Result;
  Result.overlay(*FromFile);
  Result.Source = Path.str();
  return Result;
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
  if (std::optional<std::string> Path = findConfigFile(SourceFile, FS))
    return loadConfigFile(*Path, FS);
  return Result;
}

} // namespace rcubox
