//===- WaitSummary.cpp - Which functions may wait for a grace period ------===//

#include "core/sync/WaitSummary.h"
#include "core/Annotations.h"
#include "core/CallableTargets.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace rcubox::sync {
namespace {

/// Summaries deeper than this are assumed not to wait: only pathological
/// code chains that many definitions.
constexpr unsigned MaxDepth = 48;
/// Bodies summarised per translation unit before giving up on new ones.
constexpr unsigned MaxWalked = 20000;

const FunctionDecl *definitionOf(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || Def->isInvalidDecl() ||
      Def->isDependentContext())
    return nullptr;
  return Def;
}

/// Walks an expression or statement for the calls it makes.
class CallWalker {
public:
  explicit CallWalker(llvm::function_ref<bool(const CallSite &)> F) : F(F) {}

  /// False once the callback asked to stop.
  bool walk(const Stmt *S, unsigned Depth = 0) {
    if (!S || Depth > 512)
      return true;
    // A lambda's body runs where the lambda is called; only its captures
    // are evaluated here.
    if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
      for (const Expr *Init : LE->capture_inits())
        if (!walk(Init, Depth + 1))
          return false;
      return true;
    }
    if (isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr>(S))
      return true; // Unevaluated.
    if (const auto *E = dyn_cast<Expr>(S);
        E && (E->isTypeDependent() || E->isValueDependent()))
      return true;
    if (!forEachCallSiteOf(S, F))
      return false;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType())
          if (auto Site =
                  destructorCallFor(VD->getType(), VD->getLocation(), VD))
            if (!F(*Site))
              return false;
    if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(S))
      if (auto Site =
              destructorCallFor(BTE->getType(), BTE->getEndLoc(), nullptr))
        if (!F(*Site))
          return false;
    if (const auto *DAE = dyn_cast<CXXDefaultArgExpr>(S))
      return walk(DAE->getExpr(), Depth + 1);
    if (const auto *DIE = dyn_cast<CXXDefaultInitExpr>(S))
      return walk(DIE->getExpr(), Depth + 1);
    for (const Stmt *Child : S->children())
      if (!walk(Child, Depth + 1))
        return false;
    return true;
  }

private:
  llvm::function_ref<bool(const CallSite &)> F;
};

} // namespace

std::optional<CallSite> callSiteOf(const Stmt *S) {
  CallSite Site;
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    if (!MD) {
      // Through a pointer to member function: what it surely holds.
      Site.Callee = indirectCallee(MCE);
      if (!Site.Callee)
        return std::nullopt;
      Site.At = MCE->getExprLoc();
      Site.Range = MCE->getSourceRange();
      return Site;
    }
    Site.Callee = MD;
    const auto *ME = dyn_cast<MemberExpr>(MCE->getCallee()->IgnoreParens());
    if (MD->isVirtual() && ME && !ME->hasQualifier()) {
      const Expr *Object = MCE->getImplicitObjectArgument();
      if (const CXXMethodDecl *Direct =
              Object ? MD->getDevirtualizedMethod(Object, false) : nullptr)
        Site.Callee = Direct;
      else
        Site.Virtual = true;
    }
  } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
    Site.Callee = CE->getDirectCallee();
    // Through a local function pointer or std::function: what it holds.
    if (const FunctionDecl *Held = indirectCallee(CE))
      Site.Callee = Held;
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE); OCE && Site.Callee)
      if (const auto *MD = dyn_cast<CXXMethodDecl>(Site.Callee);
          MD && MD->isVirtual())
        Site.Virtual = true;
  } else if (const auto *CCE = dyn_cast<CXXConstructExpr>(S)) {
    Site.Callee = CCE->getConstructor();
  } else if (const auto *DE = dyn_cast<CXXDeleteExpr>(S)) {
    QualType T = DE->getDestroyedType();
    if (T.isNull() || T->isDependentType())
      return std::nullopt;
    return destructorCallFor(T, DE->getBeginLoc(), nullptr);
  } else {
    return std::nullopt;
  }
  if (!Site.Callee)
    return std::nullopt;
  Site.At = cast<Expr>(S)->getExprLoc();
  Site.Range = S->getSourceRange();
  return Site;
}

bool forEachCallSiteOf(const Stmt *S,
                       llvm::function_ref<bool(const CallSite &)> F) {
  if (auto Site = callSiteOf(S))
    if (!F(*Site))
      return false;
  const auto *CE = dyn_cast<CallExpr>(S);
  if (!CE)
    return true;
  for (const FunctionDecl *Invoked : synchronouslyInvoked(CE)) {
    CallSite Site;
    Site.Callee = Invoked;
    Site.At = CE->getExprLoc();
    Site.Range = CE->getSourceRange();
    if (!F(Site))
      return false;
  }
  return true;
}

std::optional<CallSite> destructorCallFor(QualType T, SourceLocation At,
                                          const VarDecl *Destroyed) {
  if (T.isNull() || T->isDependentType())
    return std::nullopt;
  const Type *Base = T->getBaseElementTypeUnsafe();
  const CXXRecordDecl *RD = Base ? Base->getAsCXXRecordDecl() : nullptr;
  if (!RD || !RD->hasDefinition() || RD->isInvalidDecl() ||
      RD->hasTrivialDestructor())
    return std::nullopt;
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  if (!Dtor || Dtor->isDeleted())
    return std::nullopt;
  CallSite Site;
  Site.Callee = Dtor;
  Site.At = At;
  Site.Range = SourceRange(At);
  Site.Destroyed = Destroyed;
  return Site;
}

void forEachCallIn(const FunctionDecl *FD,
                   llvm::function_ref<bool(const CallSite &)> F) {
  CallWalker Walker(F);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (!Walker.walk(Init->getInit()))
        return;
  if (!Walker.walk(FD->getBody()))
    return;
  // A destructor ends its members and bases after its body.
  const auto *Dtor = dyn_cast<CXXDestructorDecl>(FD);
  const CXXRecordDecl *RD = Dtor ? Dtor->getParent() : nullptr;
  if (!RD || !RD->hasDefinition())
    return;
  for (const FieldDecl *Field : RD->fields())
    if (!Field->getType()->isReferenceType())
      if (auto Site = destructorCallFor(Field->getType(), Field->getLocation(),
                                        nullptr))
        if (!F(*Site))
          return;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (auto Site =
            destructorCallFor(Base.getType(), Base.getBeginLoc(), nullptr))
      if (!F(*Site))
        return;
}

void WaitSummaries::addOverride(const CXXMethodDecl *MD) {
  if (!MD || MD->isInvalidDecl())
    return;
  for (const CXXMethodDecl *Base : MD->overridden_methods())
    Overriders[Base->getCanonicalDecl()].push_back(MD);
}

SmallVector<const FunctionDecl *, 4>
WaitSummaries::dispatchTargets(const CXXMethodDecl *MD) {
  SmallVector<const FunctionDecl *, 4> Targets;
  SmallVector<const CXXMethodDecl *, 4> Work{MD};
  llvm::SmallPtrSet<const CXXMethodDecl *, 8> Seen;
  // Breadth-first, in declaration order: notes name the first override.
  for (size_t I = 0; I < Work.size() && Seen.size() < 256; ++I) {
    const CXXMethodDecl *M = Work[I];
    if (!Seen.insert(M->getCanonicalDecl()).second)
      continue;
    if (!M->isPureVirtual())
      Targets.push_back(M);
    auto It = Overriders.find(M->getCanonicalDecl());
    if (It != Overriders.end())
      Work.append(It->second.begin(), It->second.end());
  }
  return Targets;
}

bool WaitSummaries::callMayWait(const CallSite &Site, unsigned Depth) {
  const auto *MD = dyn_cast<CXXMethodDecl>(Site.Callee);
  if (!Site.Virtual || !MD)
    return functionMayWait(Site.Callee, Depth);
  // A virtual call waits if every override it may reach does.
  auto Targets = dispatchTargets(MD);
  if (Targets.empty())
    return false;
  for (const FunctionDecl *T : Targets)
    if (!functionMayWait(T, Depth))
      return false;
  return true;
}

const FunctionDecl *WaitSummaries::target(const CallSite &Site) {
  const auto *MD = dyn_cast<CXXMethodDecl>(Site.Callee);
  if (!Site.Virtual || !MD)
    return Site.Callee;
  for (const FunctionDecl *T : dispatchTargets(MD))
    if (functionMayWait(T, 0))
      return T;
  return Site.Callee;
}

const CallSite *WaitSummaries::stepIn(const FunctionDecl *FD) const {
  if (!FD)
    return nullptr;
  auto It = Steps.find(FD->getCanonicalDecl());
  return It == Steps.end() ? nullptr : &It->second;
}

bool WaitSummaries::isMarked(const FunctionDecl *FD) const {
  return Kind == WaitKind::GracePeriod ? waitsForGracePeriod(FD)
                                       : waitsForDeferredDestruction(FD);
}

bool WaitSummaries::functionMayWait(const FunctionDecl *FD, unsigned Depth) {
  if (!FD || FD->isInvalidDecl())
    return false;
  if (isMarked(FD))
    return true;
  FD = FD->getCanonicalDecl();
  if (auto It = Memo.find(FD); It != Memo.end())
    return It->second == Result::Waits;
  if (auto It = InProgress.find(FD); It != InProgress.end()) {
    // Recursion: the cycle alone does not wait; whether it does is known
    // once its first function is summarised.
    LowLink = std::min(LowLink, It->second);
    return false;
  }
  const FunctionDecl *Def = definitionOf(FD);
  if (!Def) {
    Memo[FD] = Result::NoWait;
    return false;
  }
  if (Depth > MaxDepth || Walked >= MaxWalked) {
    LowLink = 0; // Not final: a shallower query may still find out.
    return false;
  }
  ++Walked;
  InProgress[FD] = Depth;
  unsigned SavedLow = LowLink;
  LowLink = ~0u;
  std::optional<CallSite> Found;
  forEachCallIn(Def, [&](const CallSite &Site) {
    if (!callMayWait(Site, Depth + 1))
      return true;
    Found = Site;
    return false;
  });
  InProgress.erase(FD);
  if (Found) {
    Memo[FD] = Result::Waits;
    Steps[FD] = *Found;
  } else if (LowLink >= Depth) {
    Memo[FD] = Result::NoWait;
  }
  unsigned Low = Found ? ~0u : LowLink;
  LowLink = std::min(SavedLow, Low >= Depth ? ~0u : Low);
  return Found.has_value();
}

} // namespace rcubox::sync
