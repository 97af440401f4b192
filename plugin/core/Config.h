//===- Config.h - What users configure, in every front end ------*- C++ -*-===//
//
// One configuration, spelled the same everywhere: a .rcubox.yaml file
//
//   Checks: '-*,rcu-borrow-escape'
//   WarningsAsErrors: 'rcu-*'
//   CheckOptions:
//     rcu-send-sync.Audit: main
//   Model:
//     GuardTypes: ['lttng::urcu::read_lock_guard']
//     SectionFunctions: [{Begin: my_read_lock, End: my_read_unlock}]
//     BorrowingFunctions: [zone_lookup]
//     WaitingFunctions: [my_synchronize]
//
// looked up from the source file's directory upwards (like .clang-tidy), then
// overridden by the front end: plugin arguments, rcu-check flags, or
// clang-tidy's own Checks/WarningsAsErrors/CheckOptions. See docs/config.md.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_CONFIG_H
#define RCUBOX_CORE_CONFIG_H

#include "core/Check.h"
#include "core/model/UserModel.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>

namespace llvm::vfs {
class FileSystem;
}

namespace rcubox {

inline constexpr llvm::StringLiteral ConfigFileName = ".rcubox.yaml";

struct Config {
  /// clang-tidy style glob list; later globs win.
  std::string Checks = "*";
  /// Glob list of checks whose findings are errors.
  std::string WarningsAsErrors;
  /// "<check>.<Option>" -> value.
  CheckOptions Options;
  /// The file this came from, for messages ("" for built-in defaults).
  std::string Source;
  /// The project's own RCU vocabulary (guard types, section, borrowing and
  /// waiting functions), which the model layer answers for.
  model::UserModel Model = {};

  /// Applies \p Overrides on top of this: its globs are appended (so they
  /// win), its options replace these, its model's names are added.
  void overlay(const Config &Overrides);

  bool isEnabled(llvm::StringRef Check) const;
  bool isError(llvm::StringRef Check) const;
};

/// Parses the YAML text of a configuration. Unknown keys, unknown check
/// options and globs that select no check are errors that name what exists.
llvm::Expected<Config> parseConfig(llvm::StringRef Text,
                                   llvm::StringRef SourceName);

/// Defaults overlaid with the configuration in \p Path.
llvm::Expected<Config> loadConfigFile(llvm::StringRef Path,
                                      llvm::vfs::FileSystem &FS);

/// The nearest .rcubox.yaml in the directory of \p SourceFile or one of its
/// parents, if any.
std::optional<std::string> findConfigFile(llvm::StringRef SourceFile,
                                          llvm::vfs::FileSystem &FS);

/// Defaults overlaid with the nearest .rcubox.yaml of \p SourceFile.
llvm::Expected<Config> configForFile(llvm::StringRef SourceFile,
                                     llvm::vfs::FileSystem &FS);

} // namespace rcubox

#endif // RCUBOX_CORE_CONFIG_H
