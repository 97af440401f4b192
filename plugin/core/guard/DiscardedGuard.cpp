//===- DiscardedGuard.cpp - Guard temporaries that protect nothing --------===//

#include "core/guard/DiscardedGuard.h"
#include "core/Annotations.h"
#include "core/guard/GuardDescription.h"
#include "core/guard/SourceContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace rcubox::guard {
namespace {

/// Every name declared in \p FD (parameters, locals at any depth, lambdas'
/// too): a conservative superset of the names in scope at any point of it.
class LocalNames : public RecursiveASTVisitor<LocalNames> {
public:
  llvm::StringSet<> Names;
  bool VisitNamedDecl(NamedDecl *D) {
    if (D->getIdentifier())
      Names.insert(D->getName());
    return true;
  }
};

/// "guard", or "guard2", ... : a name no declaration in the function, its
/// class or its enclosing namespaces already uses.
std::optional<std::string> freshName(const Stmt *S, ASTContext &Ctx) {
  const FunctionDecl *FD = enclosingFunction(S, Ctx, /*ThroughLambdas=*/true);
  if (!FD)
    return std::nullopt;
  LocalNames Locals;
  Locals.TraverseDecl(const_cast<FunctionDecl *>(FD));
  for (unsigned I = 1; I < 100; ++I) {
    std::string Name = I == 1 ? "guard" : "guard" + std::to_string(I);
    if (Locals.Names.contains(Name))
      continue;
    DeclarationName DN(&Ctx.Idents.get(Name));
    bool Taken = false;
    for (const DeclContext *DC = FD->getDeclContext(); DC && !Taken;
         DC = DC->getParent())
      Taken = !DC->lookup(DN).empty();
    if (!Taken)
      return Name;
  }
  return std::nullopt;
}

/// `rcu::Guard{}` -> `rcu::Guard guard{}`; `rcu::Guard()` -> `rcu::Guard
/// guard` (not `guard()`, a function declaration).
void addNamingFixIt(Finding &F, const Expr *Temp, SourceLocation TypeEnd,
                    SourceRange Parens, bool EmptyParens, ASTContext &Ctx) {
  if (TypeEnd.isInvalid() || TypeEnd.isMacroID() ||
      Temp->getBeginLoc().isMacroID() || Temp->getEndLoc().isMacroID())
    return;
  std::optional<std::string> Name = freshName(Temp, Ctx);
  if (!Name)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation After =
      Lexer::getLocForEndOfToken(TypeEnd, 0, SM, Ctx.getLangOpts());
  if (After.isInvalid())
    return;
  if (EmptyParens && Parens.isValid() && !Parens.getBegin().isMacroID() &&
      !Parens.getEnd().isMacroID())
    F.FixIts.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getCharRange(
            After, Lexer::getLocForEndOfToken(Parens.getEnd(), 0, SM,
                                              Ctx.getLangOpts())),
        " " + *Name));
  else
    F.FixIts.push_back(FixItHint::CreateInsertion(After, " " + *Name));
}

} // namespace

void checkDiscardedGuard(const Expr *E, ASTContext &Ctx,
                         llvm::function_ref<void(const Finding &)> Emit) {
  const Expr *Statement = E;
  bool CastToVoid = false;
  E = E->IgnoreImplicit()->IgnoreParens();
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
      Cast && Cast->getType()->isVoidType()) {
    CastToVoid = true;
    E = Cast->getSubExpr()->IgnoreImplicit()->IgnoreParens();
  }
  // A functional cast `Section(42)` wraps the construction it spells.
  const auto *FuncCast = dyn_cast<CXXFunctionalCastExpr>(E);
  if (FuncCast)
    E = FuncCast->getSubExpr()->IgnoreImplicit();
  if (E->isTypeDependent() || E->containsErrors())
    return;
  std::optional<GuardHolding> H = getGuardHolding(E->getType());
  if (!H || E->getType()->isReferenceType() || !E->isPRValue())
    return;

  Finding F;
  F.Loc = Statement->getBeginLoc();
  F.Ranges.push_back(Statement->getSourceRange());
  const std::string Why = " is destroyed at the end of the statement: its "
                          "read-side critical section protects nothing";
  std::string What =
      H->isWrapper()
          ? "temporary of type '" + typeName(E->getType(), Ctx) +
                "', which holds a guard,"
          : "guard temporary of type '" + typeName(E->getType(), Ctx) + "'";
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return;
    F.Message = (H->isWrapper() ? "the object holding a guard returned by '"
                                : "the guard returned by '") +
                Callee->getQualifiedNameAsString() + "'" + Why;
  } else if (const auto *Temp = dyn_cast<CXXTemporaryObjectExpr>(E)) {
    F.Message = What + Why;
    if (!CastToVoid)
      addNamingFixIt(
          F, Temp, Temp->getTypeSourceInfo()->getTypeLoc().getEndLoc(),
          Temp->getParenOrBraceRange(),
          !Temp->isListInitialization() && Temp->getNumArgs() == 0, Ctx);
  } else if (FuncCast && (isa<CXXConstructExpr>(E) || isa<InitListExpr>(E))) {
    F.Message = What + Why;
    if (!CastToVoid)
      addNamingFixIt(F, FuncCast,
                     FuncCast->getTypeInfoAsWritten()->getTypeLoc().getEndLoc(),
                     SourceRange(), false, Ctx);
  } else {
    return;
  }
  addHoldingNotes(F, *H, Ctx);
  Emit(F);
}

} // namespace rcubox::guard
