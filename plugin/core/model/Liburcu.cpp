//===- Liburcu.cpp - The model of liburcu 0.13 ----------------------------===//
//
// liburcu's headers map the documented names (rcu_read_lock, synchronize_rcu,
// call_rcu...) to one flavour's symbols with #define (urcu/map/*.h):
// rcu_read_lock becomes urcu_memb_read_lock, and with _LGPL_SOURCE
// urcu_memb_read_lock becomes the inline _urcu_memb_read_lock
// (urcu/static/*.h). Whatever the user spelled, the call the AST holds names
// one of those, so the table is keyed on them. rcu_dereference and the
// iteration macros expand to no call of their own (a statement expression
// around an atomic load, a for loop): they are found through the macro
// expansion the expression came from.
//
//===----------------------------------------------------------------------===//

#include "core/model/RcuApi.h"
#include "core/model/UserModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace rcubox::model {

StringRef flavourName(Flavour F) {
  switch (F) {
  case Flavour::Memb:
    return "memb";
  case Flavour::Mb:
    return "mb";
  case Flavour::Signal:
    return "signal";
  case Flavour::Qsbr:
    return "qsbr";
  case Flavour::Bp:
    return "bp";
  case Flavour::Unknown:
    break;
  }
  return "";
}

bool isLiburcuHeader(StringRef Path) {
  if (Path.contains("/urcu/"))
    return true;
  StringRef File = llvm::sys::path::filename(Path);
  return File == "urcu.h" ||
         (File.starts_with("urcu-") && File.ends_with(".h"));
}

/// The operation a flavour's symbol names, after `urcu_<flavour>_` (or the
/// unmapped `rcu_*` spelling, whose flavour is unknown).
static ApiKind kindOfOperation(StringRef Op) {
  return llvm::StringSwitch<ApiKind>(Op)
      .Case("read_lock", ApiKind::SectionBegin)
      .Case("read_unlock", ApiKind::SectionEnd)
      .Case("quiescent_state", ApiKind::QuiescentState)
      .Case("thread_offline", ApiKind::ThreadOffline)
      .Case("thread_online", ApiKind::ThreadOnline)
      .Case("synchronize_rcu", ApiKind::GracePeriodWait)
      .Case("barrier", ApiKind::Barrier)
      .Case("defer_barrier", ApiKind::Barrier)
      .Case("defer_barrier_thread", ApiKind::Barrier)
      .Case("call_rcu", ApiKind::DeferredFree)
      .Case("defer_rcu", ApiKind::DeferredFree)
      .Case("dereference_sym", ApiKind::BorrowSource)
      .Default(ApiKind::None);
}

/// The documented names, as declared when no flavour header mapped them.
static ApiKind kindOfUnmappedName(StringRef Name) {
  return llvm::StringSwitch<ApiKind>(Name)
      .Case("rcu_read_lock", ApiKind::SectionBegin)
      .Case("rcu_read_unlock", ApiKind::SectionEnd)
      .Case("rcu_quiescent_state", ApiKind::QuiescentState)
      .Case("rcu_thread_offline", ApiKind::ThreadOffline)
      .Case("rcu_thread_online", ApiKind::ThreadOnline)
      .Case("synchronize_rcu", ApiKind::GracePeriodWait)
      .Case("rcu_barrier", ApiKind::Barrier)
      .Case("rcu_defer_barrier", ApiKind::Barrier)
      .Case("rcu_defer_barrier_thread", ApiKind::Barrier)
      .Case("call_rcu", ApiKind::DeferredFree)
      .Case("defer_rcu", ApiKind::DeferredFree)
      .Case("rcu_dereference_sym", ApiKind::BorrowSource)
      // rculfhash: the iterator's node (and the node a lookup or an add
      // found) is valid only inside the section it was found in.
      .Case("cds_lfht_iter_get_node", ApiKind::BorrowSource)
      .Case("cds_lfht_lookup", ApiKind::BorrowSource)
      .Case("cds_lfht_first", ApiKind::BorrowSource)
      .Case("cds_lfht_next", ApiKind::BorrowSource)
      .Case("cds_lfht_next_duplicate", ApiKind::BorrowSource)
      .Case("cds_lfht_add_unique", ApiKind::BorrowSource)
      .Case("cds_lfht_add_replace", ApiKind::BorrowSource)
      .Default(ApiKind::None);
}

static ApiCall classifyName(StringRef Name) {
  // _urcu_memb_read_lock: the _LGPL_SOURCE inline form of the same call.
  Name.consume_front("_");
  if (Name.consume_front("urcu_")) {
    auto [Prefix, Op] = Name.split('_');
    Flavour F = llvm::StringSwitch<Flavour>(Prefix)
                    .Case("memb", Flavour::Memb)
                    .Case("mb", Flavour::Mb)
                    .Case("signal", Flavour::Signal)
                    .Case("qsbr", Flavour::Qsbr)
                    .Case("bp", Flavour::Bp)
                    .Default(Flavour::Unknown);
    if (F == Flavour::Unknown)
      return {};
    return {kindOfOperation(Op), F};
  }
  return {kindOfUnmappedName(Name), Flavour::Unknown};
}

static bool isDeclaredInLiburcuHeader(const FunctionDecl *FD) {
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  const FunctionDecl *First = FD->getFirstDecl();
  SourceLocation Loc = SM.getSpellingLoc(First->getLocation());
  return Loc.isValid() && isLiburcuHeader(SM.getFilename(Loc));
}

ApiCall classifyFunction(const FunctionDecl *FD) {
  if (!FD || !FD->getDeclName().isIdentifier())
    return {};
  // A project's own wrappers and helpers, declared in .rcubox.yaml.
  if (const UserModel *User = userModelFor(FD->getASTContext()))
    if (ApiKind Kind = User->kindOf(FD); Kind != ApiKind::None)
      return {Kind, Flavour::Unknown};
  StringRef Name = FD->getName();
  // Cheap rejection first: most calls are not liburcu's.
  if (!Name.contains("rcu") && !Name.starts_with("cds_lfht_"))
    return {};
  ApiCall Call = classifyName(Name);
  if (!Call || !isDeclaredInLiburcuHeader(FD))
    return {};
  return Call;
}

static bool isBorrowingMacro(StringRef Name) {
  if (Name == "rcu_dereference" || Name == "_rcu_dereference")
    return true;
  // urcu_bp_dereference, rcu_dereference_memb, ...
  return (Name.starts_with("urcu_") && Name.ends_with("_dereference")) ||
         Name.starts_with("rcu_dereference_");
}

/// Calls \p F with the name of every macro \p E is the whole expansion of,
/// innermost first, until \p F returns true.
static bool anyEnclosingExpansion(SourceRange Range, const SourceManager &SM,
                                  const LangOptions &LO,
                                  llvm::function_ref<bool(StringRef)> F) {
  SourceLocation Begin = Range.getBegin(), End = Range.getEnd();
  while (Begin.isMacroID() && End.isMacroID()) {
    // The expression must be all of the expansion: `p` in
    // rcu_dereference(p) is the macro's argument, not its result.
    if (!Lexer::isAtStartOfMacroExpansion(Begin, SM, LO) ||
        !Lexer::isAtEndOfMacroExpansion(End, SM, LO))
      return false;
    if (F(Lexer::getImmediateMacroName(Begin, SM, LO)))
      return true;
    Begin = SM.getImmediateMacroCallerLoc(Begin);
    End = SM.getImmediateMacroCallerLoc(End);
  }
  return false;
}

ApiCall classifyExpr(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return {};
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (ApiCall Call = classifyFunction(CE->getDirectCallee()))
      return Call;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = E->getBeginLoc();
  if (!Begin.isMacroID() ||
      !isLiburcuHeader(SM.getFilename(SM.getSpellingLoc(Begin))))
    return {};
  if (anyEnclosingExpansion(E->getSourceRange(), SM, Ctx.getLangOpts(),
                            isBorrowingMacro))
    return {ApiKind::BorrowSource, Flavour::Unknown};
  return {};
}

StringRef borrowingIterationMacro(const Stmt *S, const ASTContext &Ctx) {
  if (!S || !isa<ForStmt>(S))
    return "";
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = S->getBeginLoc();
  if (!Loc.isMacroID() ||
      !isLiburcuHeader(SM.getFilename(SM.getSpellingLoc(Loc))))
    return "";
  StringRef Found;
  // The for statement's body is the macro's caller's code: only the head
  // (from `for` to the closing parenthesis) is the expansion.
  const auto *For = cast<ForStmt>(S);
  anyEnclosingExpansion(
      SourceRange(Loc, For->getRParenLoc()), SM, Ctx.getLangOpts(),
      [&](StringRef Name) {
        bool Iterates = Name.starts_with("cds_lfht_for_each") ||
                        (Name.starts_with("cds_") &&
                         Name.contains("for_each") && Name.contains("_rcu"));
        if (Iterates)
          Found = Name;
        return Iterates;
      });
  return Found;
}

} // namespace rcubox::model
