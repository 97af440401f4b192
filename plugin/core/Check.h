//===- Check.h - The interface every rcubox check implements ----*- C++ -*-===//
//
// A check is written once and run by every front end (compiler plugin,
// clang-tidy module, command-line tool), Mozilla-plugin style: front ends own
// the AST traversal and the diagnostics, checks own the analysis.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_CHECK_H
#define RCUBOX_CORE_CHECK_H

#include "core/Reporter.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

namespace rcubox {

/// Check options, keyed "<check>.<Option>" as declared in Checks.def.
using CheckOptions = llvm::StringMap<std::string>;

class Check : public clang::ast_matchers::MatchFinder::MatchCallback {
public:
  Check(llvm::StringRef Name, Reporter &R, const CheckOptions &Options)
      : Name(Name), R(R), Options(Options) {}
  ~Check() override;

  llvm::StringRef name() const { return Name; }

  /// Registers the AST matchers whose matches are passed to run().
  virtual void registerMatchers(clang::ast_matchers::MatchFinder &Finder) = 0;

  /// Called once the whole translation unit has been matched.
  virtual void finishTranslationUnit(clang::ASTContext &) {}

protected:
  void report(const Finding &F) { R.report(Name, F); }
  /// The value of this check's option \p Key ("" if unset).
  llvm::StringRef option(llvm::StringRef Key) const {
    auto It = Options.find((Name + "." + Key).str());
    return It == Options.end() ? llvm::StringRef() : It->second;
  }

private:
  llvm::StringRef Name;
  Reporter &R;
  const CheckOptions &Options;
};

} // namespace rcubox

#endif // RCUBOX_CORE_CHECK_H
