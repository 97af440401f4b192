//===- CorrelatedConditions.cpp - Locks and unlocks under one test --------===//

#include "core/unbalanced/CorrelatedConditions.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringMap.h"

using namespace clang;

namespace rcubox {
namespace {

class IfCollector : public RecursiveASTVisitor<IfCollector> {
public:
  IfCollector(section::SectionSummaries &Summaries, const ASTContext &Ctx)
      : Summaries(Summaries), Ctx(Ctx) {}

  bool shouldVisitLambdaBody() const { return false; }

  bool VisitIfStmt(IfStmt *If) {
    const Expr *Cond = If->getCond();
    if (!Cond || (!changesDepth(If->getThen()) && !changesDepth(If->getElse())))
      return true;
    const SourceManager &SM = Ctx.getSourceManager();
    CharSourceRange Range = SM.getExpansionRange(
        CharSourceRange::getTokenRange(Cond->getSourceRange()));
    StringRef Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts());
    if (Text.empty())
      return true;
    // Spacing does not change what is tested.
    std::string Key;
    for (char C : Text)
      if (!isspace(static_cast<unsigned char>(C)))
        Key += C;
    if (++Seen[Key] > 1)
      Found = true;
    return !Found;
  }

  bool Found = false;

private:
  bool changesDepth(const Stmt *S) {
    if (!S)
      return false;
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      std::optional<int> Delta = Summaries.deltaOf(CE->getDirectCallee());
      if (!Delta || *Delta != 0)
        return true;
    }
    for (const Stmt *Child : S->children())
      if (changesDepth(Child))
        return true;
    return false;
  }

  section::SectionSummaries &Summaries;
  const ASTContext &Ctx;
  llvm::StringMap<unsigned> Seen;
};

} // namespace

bool hasCorrelatedSectionBranches(const FunctionDecl *FD,
                                  section::SectionSummaries &Summaries) {
  if (!FD || !FD->getBody())
    return false;
  IfCollector Collector(Summaries, FD->getASTContext());
  Collector.TraverseStmt(FD->getBody());
  return Collector.Found;
}

} // namespace rcubox
