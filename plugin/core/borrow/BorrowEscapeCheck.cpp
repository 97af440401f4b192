//===- BorrowEscapeCheck.cpp - rcu-borrow-escape --------------------------===//

#include "core/borrow/BorrowEscapeCheck.h"
#include "core/Annotations.h"
#include "core/Compat.h"
#include "core/borrow/BorrowAnalysis.h"
#include "core/borrow/LiburcuBorrows.h"
#include "core/guard/GuardDescription.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace rcubox {
namespace {

std::string guardName(const borrow::Loan &L) {
  if (L.Guard.Var && !L.Guard.Var->getName().empty())
    return "'" + L.Guard.Var->getName().str() + "'";
  if (L.Guard.K == borrow::GuardRef::Temporary)
    return "the temporary guard";
  return "the guard";
}

void addGuardNotes(Finding &F, const borrow::Loan &L, const ASTContext &Ctx) {
  if (L.Guard.K == borrow::GuardRef::Temporary) {
    bool Default = isa_and_nonnull<CXXDefaultArgExpr>(L.Guard.Spelling);
    F.Notes.push_back(
        {L.Guard.Temp->getBeginLoc(),
         Default ? "the temporary guard is a default argument, destroyed at "
                   "the end of the full-expression of the call, ending its "
                   "read-side critical section"
                 : "the temporary guard is destroyed at the end of the "
                   "full-expression, ending its read-side critical section",
         L.Guard.Temp->getSourceRange()});
    return;
  }
  if (!L.Guard.Var)
    return;
  // A user's read-section wrapper: say which member holds its guard.
  std::optional<GuardHolding> H = getGuardHolding(L.Guard.Var->getType());
  std::string Who = H && H->isWrapper() ? guard::describeObject(L.Guard.Var, *H)
                                        : "guard " + guardName(L);
  F.Notes.push_back({L.Guard.Var->getLocation(),
                     L.Guard.K == borrow::GuardRef::Parameter
                         ? "the caller's " + Who + " is declared here"
                         : Who + " is declared here",
                     L.Guard.Var->getSourceRange()});
  if (H && H->isWrapper())
    guard::addHoldingNotes(F, *H, Ctx);
}

void addBorrowNote(Finding &F, const borrow::Loan &L) {
  F.Notes.push_back({L.IssuedBy->getExprLoc(),
                     "the borrow is taken from " + guardName(L) + " here",
                     L.IssuedBy->getSourceRange()});
  // Not marked RCU_BORROW: say which function carried the borrow out.
  if (L.InferredFrom && L.InnerBorrow) {
    const auto *MD = dyn_cast<CXXMethodDecl>(L.InferredFrom);
    // A read-section wrapper's method taking no guard borrows from its own.
    bool OwnGuard = MD && !MD->getParent()->isLambda() && MD->isInstance() &&
                    holdsGuard(compat::getCanonicalTagType(MD->getASTContext(),
                                                           MD->getParent())) &&
                    llvm::none_of(MD->parameters(), [](const ParmVarDecl *P) {
                      return isGuardType(P->getType());
                    });
    std::string Name = "'" + L.InferredFrom->getNameAsString() + "'";
    std::string Who =
        MD && MD->getParent()->isLambda()
            ? "the lambda returns a borrow of the guard it captures"
        : OwnGuard ? Name + " returns a borrow of its object's guard"
                   : Name + " returns a borrow of the guard it is given";
    F.Notes.push_back({L.InnerBorrow->getExprLoc(), Who + ", taken here",
                       L.InnerBorrow->getSourceRange()});
  }
}

void addStepNotes(Finding &F, llvm::ArrayRef<borrow::EscapeStep> Steps) {
  for (const borrow::EscapeStep &Step : Steps)
    F.Notes.push_back({Step.Loc, Step.Text});
}

std::string withArticle(StringRef Noun) {
  bool Vowel = !Noun.empty() && StringRef("aeiou").contains(Noun.front());
  return (Vowel ? "an " : "a ") + Noun.str();
}

/// True if \p FD's body declares or names anything called \p Name.
bool declaresName(const FunctionDecl *FD, StringRef Name) {
  class Finder : public RecursiveASTVisitor<Finder> {
  public:
    StringRef Name;
    bool Found = false;
    bool VisitNamedDecl(NamedDecl *D) {
      Found |= D->getIdentifier() && D->getName() == Name;
      return !Found;
    }
    bool VisitDeclRefExpr(DeclRefExpr *E) {
      Found |= E->getDecl()->getIdentifier() && E->getDecl()->getName() == Name;
      return !Found;
    }
  } F;
  F.Name = Name;
  F.TraverseDecl(const_cast<FunctionDecl *>(FD));
  return F.Found;
}

/// Fix-it for a temporary guard whose statement shares a block with the use:
/// name the guard before the statement, so it lives to the end of the block.
void addNameGuardFix(Finding &F, const borrow::Loan &L, const Stmt *S,
                     const FunctionDecl *FD, ASTContext &Ctx,
                     unsigned &NamesUsed) {
  const SourceManager &SM = Ctx.getSourceManager();
  // Each fix-it in a function gets its own name, so applying them all
  // declares no name twice.
  std::string Name =
      NamesUsed == 0 ? "guard" : "guard" + std::to_string(NamesUsed + 1);
  if (declaresName(FD, Name))
    return; // A fresh name would not be certain to be right.
  const CXXBindTemporaryExpr *Temp = L.Guard.Temp;
  SourceRange TempRange = Temp->getSourceRange();
  if (TempRange.getBegin().isMacroID() || TempRange.getEnd().isMacroID())
    return;
  std::string Type =
      Temp->getType().getUnqualifiedType().getAsString(Ctx.getPrintingPolicy());
  StringRef Indent = Lexer::getIndentationForLine(S->getBeginLoc(), SM);
  F.Notes.push_back({Temp->getBeginLoc(),
                     "name the guard to extend its read-side critical section "
                     "to the end of the block"});
  // Certain, so on the warning itself (clang -fixit applies it).
  ++NamesUsed;
  F.FixIts.push_back(FixItHint::CreateInsertion(
      S->getBeginLoc(), Type + " " + Name + ";\n" + Indent.str()));
  F.FixIts.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(TempRange), Name));
}

class FindingBuilder final : public borrow::BorrowEscapeHandler {
public:
  FindingBuilder(std::function<void(const Finding &)> Emit,
                 const FunctionDecl *FD, ASTContext &Ctx)
      : Emit(std::move(Emit)), FD(FD), Ctx(Ctx) {}

  void handleUseAfterGuardEnd(const Expr *Use, const ValueDecl *Holder,
                              const borrow::Loan &L, SourceLocation GuardEnd,
                              const Stmt *NameableAt) override {
    Finding F;
    F.Loc = Use->getExprLoc();
    F.Ranges.push_back(Use->getSourceRange());
    std::string Noun = borrow::describeBorrow(Holder->getType()).str();
    F.Message = Noun == "lambda"
                    ? "'" + Holder->getName().str() +
                          "' captures a borrow of RCU-protected data and is "
                          "used after the read-side critical section of " +
                          guardName(L) + " ended"
                    : Noun +
                          " into RCU-protected data is used after the "
                          "read-side critical section of " +
                          guardName(L) + " ended";
    addGuardNotes(F, L, Ctx);
    if (GuardEnd.isValid() && L.Guard.K != borrow::GuardRef::Temporary)
      F.Notes.push_back({GuardEnd, "the read-side critical section of " +
                                       guardName(L) + " ends here"});
    addBorrowNote(F, L);
    if (NameableAt)
      addNameGuardFix(F, L, NameableAt, FD, Ctx, FixItNames);
    Emit(F);
  }

  void handleEscape(borrow::EscapeKind K, const Stmt *At, const NamedDecl *Dest,
                    QualType BorrowType, const borrow::Loan &L,
                    SourceLocation GuardEnd,
                    llvm::ArrayRef<borrow::EscapeStep> Steps) override {
    Finding F;
    F.Loc = At->getBeginLoc();
    if (const auto *E = dyn_cast<Expr>(At))
      F.Loc = E->getExprLoc();
    F.Ranges.push_back(At->getSourceRange());
    std::string Noun = borrow::describeBorrow(BorrowType).str();
    std::string What = Noun == "lambda"
                           ? "lambda capturing a borrow of RCU-protected data"
                           : Noun + " into RCU-protected data";
    std::string DestName = Dest && !Dest->getName().empty()
                               ? "'" + Dest->getName().str() + "'"
                               : "";
    std::string Section = "the read-side critical section of " + guardName(L);
    switch (K) {
    case borrow::EscapeKind::Global:
      F.Message = What + " escapes " + Section + ": stored in " +
                  (DestName.empty() ? "storage that outlives it"
                                    : "variable " + DestName +
                                          " with static storage duration");
      break;
    case borrow::EscapeKind::Member:
      F.Message = What + " escapes " + Section + ": stored in member " +
                  (DestName.empty() ? "of '*this'" : DestName);
      break;
    case borrow::EscapeKind::ThroughParam:
      F.Message = What + " escapes " + Section + ": stored through parameter " +
                  DestName;
      break;
    case borrow::EscapeKind::Captured:
      F.Message = What + " escapes " + Section + ": stored in " + DestName +
                  ", captured by reference from the enclosing function";
      break;
    case borrow::EscapeKind::OuterContainer:
      F.Message = What + " escapes " + Section + ": stored in " + DestName +
                  ", which outlives the guard";
      break;
    case borrow::EscapeKind::Return:
      F.Message =
          "returning " + withArticle(What) + " that outlives " + Section;
      break;
    case borrow::EscapeKind::Thread:
      F.Message = What + " is handed to '" +
                  (Dest ? Dest->getQualifiedNameAsString() : "a new thread") +
                  "', whose thread may outlive " + Section;
      break;
    }
    addStepNotes(F, Steps);
    addGuardNotes(F, L, Ctx);
    if (GuardEnd.isValid())
      F.Notes.push_back({GuardEnd, "the read-side critical section of " +
                                       guardName(L) + " ends here"});
    addBorrowNote(F, L);
    Emit(F);
  }

private:
  std::function<void(const Finding &)> Emit;
  const FunctionDecl *FD;
  ASTContext &Ctx;
  unsigned FixItNames = 0;
};

} // namespace

void BorrowEscapeCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(functionDecl(isDefinition()).bind("fn"), this);
  Finder.addMatcher(lambdaExpr().bind("lambda"), this);
}

void BorrowEscapeCheck::run(const MatchFinder::MatchResult &Result) {
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn"))
    analyze(FD, *Result.Context);
  if (const auto *LE = Result.Nodes.getNodeAs<LambdaExpr>("lambda")) {
    analyze(LE->getCallOperator(), *Result.Context);
    if (const FunctionTemplateDecl *T = LE->getDependentCallOperator())
      for (const FunctionDecl *Spec : T->specializations())
        analyze(Spec, *Result.Context);
  }
}

void BorrowEscapeCheck::analyze(const FunctionDecl *FD, ASTContext &Ctx) {
  if (!FD || !FD->hasBody() || FD->isDependentContext() ||
      FD->isInvalidDecl() || !Analyzed.insert(FD).second)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())))
    return;
  if (!Sections || SectionsOf != &Ctx) {
    Sections = std::make_unique<section::SectionSummaries>();
    SectionsOf = &Ctx;
  }
  bool Guards = mentionsGuard(FD);
  bool Liburcu = borrow::mayEndLiburcuBorrows(FD, *Sections);
  if (!Guards && !Liburcu)
    return;
  FindingBuilder Builder(
      [&](const Finding &F) {
        // Each template instantiation repeats the same finding.
        unsigned Key = F.Loc.getRawEncoding();
        if (!Reported.insert({Key, unsigned(F.Message.size())}).second)
          return;
        report(F);
      },
      FD, Ctx);
  // A bug in the analysis must never take the compiler down with it: skip
  // the function, say so, and let the compilation go on.
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] {
        if (Liburcu)
          borrow::checkLiburcuBorrows(
              FD, Ctx, *Sections, [&](const Finding &F) {
                if (Reported
                        .insert({F.Loc.getRawEncoding(),
                                 unsigned(F.Message.size())})
                        .second)
                  report(F);
              });
        if (!Guards)
          return;
        if (!Summaries || &Summaries->context() != &Ctx)
          Summaries = std::make_unique<borrow::FunctionSummaries>(Ctx, Types);
        borrow::runBorrowAnalysis(FD, Ctx, Types, *Summaries, Builder);
      }))
    llvm::errs() << "rcu-lifetime: internal error while analysing '"
                 << FD->getQualifiedNameAsString() << "' at "
                 << FD->getLocation().printToString(SM)
                 << "; the function was skipped (please report this)\n";
}

} // namespace rcubox
