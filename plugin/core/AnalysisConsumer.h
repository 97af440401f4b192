//===- AnalysisConsumer.h - Runs the checks over one TU ---------*- C++ -*-===//
//
// The ASTConsumer the compiler plugin and rcu-check share: it instantiates
// the checks a Config selects, matches them over the translation unit and
// contains any crash of a check, so that a bug in rcubox never takes the
// compiler down with it.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_ANALYSISCONSUMER_H
#define RCUBOX_CORE_ANALYSISCONSUMER_H

#include "core/Check.h"
#include "core/Config.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <memory>
#include <vector>

namespace rcubox {

class AnalysisConsumer final : public clang::ASTConsumer {
public:
  /// \p R must outlive the consumer.
  AnalysisConsumer(const Config &C, Reporter &R);
  ~AnalysisConsumer() override;

  void HandleTranslationUnit(clang::ASTContext &Ctx) override;

  /// True if a check crashed in the last translation unit.
  bool crashed() const { return Crashed; }

private:
  CheckOptions Options; // The checks keep a reference.
  /// The project's own RCU vocabulary, bound to each unit while analysed.
  model::UserModel Model;
  std::vector<std::unique_ptr<Check>> Checks;
  clang::ast_matchers::MatchFinder Finder;
  /// The checks that also judge code written directly on liburcu, without
  /// rcubox's markers (model/RcuApi.h), and a finder with only their
  /// matchers: a liburcu user's unit without markers runs only these.
  std::vector<Check *> LiburcuChecks;
  clang::ast_matchers::MatchFinder LiburcuFinder;
  bool Crashed = false;
};

} // namespace rcubox

#endif // RCUBOX_CORE_ANALYSISCONSUMER_H
