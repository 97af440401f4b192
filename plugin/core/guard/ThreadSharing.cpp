//===- ThreadSharing.cpp - Guards handed to another thread ----------------===//

#include "core/guard/ThreadSharing.h"
#include "core/Annotations.h"
#include "core/guard/GuardDescription.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace rcubox::guard {

static constexpr llvm::StringLiteral Why =
    "; a read-side critical section belongs to the thread that began it";

static const Expr *strip(const Expr *E) {
  return E ? E->IgnoreUnlessSpelledInSource()->IgnoreParenImpCasts() : nullptr;
}

/// A variable naming a guard object: a guard local, or a reference to one.
static bool isGuardVar(const ValueDecl *D) {
  return D && holdsGuard(D->getType());
}

static bool isPointerToGuard(QualType T) {
  return !T.isNull() && T.getNonReferenceType()->isPointerType() &&
         holdsGuard(T.getNonReferenceType()->getPointeeType());
}

const VarDecl *guardAddressOf(const Expr *E) {
  const auto *UO = dyn_cast_or_null<UnaryOperator>(strip(E));
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(strip(UO->getSubExpr()));
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && isGuardVar(VD) ? VD : nullptr;
}

std::string threadStarter(const Expr *Call) {
  const NamedDecl *Starter = nullptr;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
    const CXXRecordDecl *RD = CE->getConstructor()->getParent();
    if (RD->isInStdNamespace() && RD->getIdentifier() &&
        (RD->getName() == "thread" || RD->getName() == "jthread"))
      Starter = RD;
  } else if (const auto *CE = dyn_cast<CallExpr>(Call)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (FD && FD->getIdentifier() &&
        ((FD->isInStdNamespace() && FD->getName() == "async") ||
         (FD->getName() == "pthread_create" &&
          FD->getDeclContext()->getRedeclContext()->isTranslationUnit())))
      Starter = FD;
  }
  return Starter ? Starter->getQualifiedNameAsString() : "";
}

namespace {
class ThreadStart {
public:
  ThreadStart(const Expr *Call, ASTContext &Ctx, EmitFn Emit)
      : Call(Call), Ctx(Ctx), Emit(Emit), Starter(threadStarter(Call)) {}

  void checkArgument(const Expr *Arg);

private:
  void checkLambda(const LambdaExpr *LE);
  void report(SourceLocation Loc, SourceRange Range, const ValueDecl *Guard,
              const std::string &How);
  /// Where a capture's variable is first used in the lambda body (implicit
  /// captures have no spelling of their own).
  SourceLocation firstUse(const LambdaExpr *LE, const ValueDecl *Var);

  const Expr *Call;
  ASTContext &Ctx;
  EmitFn Emit;
  std::string Starter;
};

void ThreadStart::report(SourceLocation Loc, SourceRange Range,
                         const ValueDecl *Guard, const std::string &How) {
  Finding F;
  F.Loc = Loc;
  F.Ranges.push_back(Range);
  QualType T = Guard->getType().getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  std::optional<GuardHolding> H = getGuardHolding(T);
  if (!H)
    return;
  std::string Subject =
      isPointerToGuard(Guard->getType())
          ? "'" + Guard->getNameAsString() + "', a pointer to a guard,"
          : describeObject(Guard, *H);
  F.Message = Subject + " is shared with another thread: " + How + Why.str();
  F.Notes.push_back({Call->getBeginLoc(),
                     "'" + Starter + "' starts the other thread here",
                     Call->getSourceRange()});
  addHoldingNotes(F, *H, Ctx);
  Emit(F);
}

SourceLocation ThreadStart::firstUse(const LambdaExpr *LE,
                                     const ValueDecl *Var) {
  struct Finder {
    const ValueDecl *Var;
    SourceLocation Found;
    void visit(const Stmt *S) {
      if (!S || Found.isValid())
        return;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
          Ref && Ref->getDecl() == Var) {
        Found = Ref->getLocation();
        return;
      }
      for (const Stmt *Child : S->children())
        visit(Child);
    }
  } F{Var, {}};
  F.visit(LE->getBody());
  return F.Found;
}

void ThreadStart::checkLambda(const LambdaExpr *LE) {
  for (const LambdaCapture &C : LE->captures()) {
    if (!C.capturesVariable())
      continue;
    const auto *Var = dyn_cast<VarDecl>(C.getCapturedVar());
    if (!Var)
      continue;
    SourceLocation Loc = C.getLocation();
    if (C.isImplicit())
      if (SourceLocation Use = firstUse(LE, Var); Use.isValid())
        Loc = Use;
    SourceRange Range(Loc);
    std::string Lambda = "the lambda run by '" + Starter + "' ";
    if (LE->isInitCapture(&C)) {
      // [&r = g] or [p = &g]: judged by what initialises the capture.
      const Expr *Init = strip(Var->getInit());
      if (const VarDecl *G = guardAddressOf(Init)) {
        report(Loc, Range, G, Lambda + "captures its address");
        continue;
      }
      const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Init);
      if (Ref && Var->getType()->isReferenceType() &&
          isGuardVar(Ref->getDecl()))
        report(Loc, Range, Ref->getDecl(), Lambda + "captures it by reference");
      continue;
    }
    if (isPointerToGuard(Var->getType()))
      report(Loc, Range, Var, Lambda + "captures it");
    else if (C.getCaptureKind() == LCK_ByRef && isGuardVar(Var))
      report(Loc, Range, Var, Lambda + "captures it by reference");
  }
}

void ThreadStart::checkArgument(const Expr *Arg) {
  const Expr *E = strip(Arg);
  if (!E)
    return;
  // A lambda stored in a local first: `auto body = [&] {...}; thread(body)`.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
        VD && VD->hasLocalStorage() && VD->getInit())
      if (const auto *LE = dyn_cast<LambdaExpr>(strip(VD->getInit()))) {
        checkLambda(LE);
        return;
      }
  if (const auto *LE = dyn_cast<LambdaExpr>(E)) {
    checkLambda(LE);
    return;
  }
  if (const VarDecl *G = guardAddressOf(E)) {
    report(E->getBeginLoc(), E->getSourceRange(), G,
           "its address is passed to '" + Starter + "'");
    return;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E);
      Ref && isPointerToGuard(Ref->getType())) {
    report(E->getBeginLoc(), E->getSourceRange(), Ref->getDecl(),
           "it is passed to '" + Starter + "'");
    return;
  }
  // std::ref(g), std::cref(g).
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (FD && FD->isInStdNamespace() && FD->getIdentifier() &&
        (FD->getName() == "ref" || FD->getName() == "cref") &&
        CE->getNumArgs() == 1)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(strip(CE->getArg(0)));
          Ref && isGuardVar(Ref->getDecl()))
        report(E->getBeginLoc(), E->getSourceRange(), Ref->getDecl(),
               "it is passed by reference to '" + Starter + "'");
  }
}
} // namespace

void checkThreadStart(const Expr *Call, ASTContext &Ctx, EmitFn Emit) {
  ThreadStart Start(Call, Ctx, Emit);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
    for (const Expr *Arg : CE->arguments())
      Start.checkArgument(Arg);
  } else if (const auto *CE = dyn_cast<CallExpr>(Call)) {
    for (const Expr *Arg : CE->arguments())
      Start.checkArgument(Arg);
  }
}

/// "global variable 'p'" and the like, or "" for storage no other thread
/// reaches (locals; thread_local, which is the thread's own).
static std::string sharedStorage(const VarDecl *VD) {
  if (!VD || VD->hasLocalStorage() || VD->getTLSKind() != VarDecl::TLS_None)
    return "";
  return (VD->isStaticLocal()        ? "static variable '"
          : VD->isStaticDataMember() ? "static member '"
                                     : "global variable '") +
         VD->getNameAsString() + "'";
}

static void reportAddressStored(const std::string &Where, const Expr *Value,
                                SourceRange Target, ASTContext &Ctx,
                                EmitFn Emit) {
  const VarDecl *G = guardAddressOf(Value);
  if (Where.empty() || !G || !G->hasLocalStorage())
    return;
  std::optional<GuardHolding> H = getGuardHolding(G->getType());
  if (!H)
    return;
  Finding F;
  F.Loc = Value->getBeginLoc();
  F.Ranges.push_back(Value->getSourceRange());
  F.Ranges.push_back(Target);
  F.Message = "the address of " + describeObject(G, *H) + " is stored in " +
              Where + ", which other threads can reach" + Why.str();
  addHoldingNotes(F, *H, Ctx);
  Emit(F);
}

void checkAddressStored(const Expr *Target, const Expr *Value, ASTContext &Ctx,
                        EmitFn Emit) {
  if (!guardAddressOf(Value))
    return;
  std::string Where;
  const Expr *T = strip(Target);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(T))
    Where = sharedStorage(dyn_cast<VarDecl>(Ref->getDecl()));
  else if (const auto *ME = dyn_cast_or_null<MemberExpr>(T))
    Where = isa<VarDecl>(ME->getMemberDecl())
                ? sharedStorage(cast<VarDecl>(ME->getMemberDecl()))
                : "member '" + ME->getMemberDecl()->getNameAsString() + "'";
  reportAddressStored(Where, Value, Target->getSourceRange(), Ctx, Emit);
}

void checkAddressInitialises(const VarDecl *Var, ASTContext &Ctx, EmitFn Emit) {
  if (Var->getInit())
    reportAddressStored(sharedStorage(Var), Var->getInit(),
                        SourceRange(Var->getLocation()), Ctx, Emit);
}

} // namespace rcubox::guard
