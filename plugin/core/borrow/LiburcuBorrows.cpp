//===- LiburcuBorrows.cpp - liburcu borrows used after their section ------===//

#include "core/borrow/LiburcuBorrows.h"
#include "core/section/SectionPath.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <functional>

using namespace clang;

namespace rcubox::borrow {
namespace {

/// One variable's borrow: where it was taken and, once some path ended its
/// protection, the call that did.
struct BorrowFact {
  const Expr *TakenAt = nullptr;
  /// Taken where every path has a section this function opened: its
  /// protection ends when a path closes it. Otherwise only a QSBR quiescent
  /// state ends it (the caller's section protects the rest).
  bool InOwnSection = false;
  const CallExpr *EndedBy = nullptr;

  bool operator==(const BorrowFact &O) const {
    return TakenAt == O.TakenAt && InOwnSection == O.InOwnSection &&
           EndedBy == O.EndedBy;
  }
};

using BorrowState = llvm::SmallDenseMap<const VarDecl *, BorrowFact, 4>;

/// May-analysis: a borrow ended on one path is ended at the join.
void join(BorrowState &Into, const BorrowState &From) {
  for (const auto &[Var, Fact] : From) {
    auto [It, Inserted] = Into.try_emplace(Var, Fact);
    if (!Inserted && !It->second.EndedBy && Fact.EndedBy)
      It->second = Fact;
  }
}

bool sameState(const BorrowState &A, const BorrowState &B) {
  if (A.size() != B.size())
    return false;
  for (const auto &[Var, Fact] : A) {
    auto It = B.find(Var);
    if (It == B.end() || !(It->second == Fact))
      return false;
  }
  return true;
}

/// The local variable \p E names, through parentheses and casts.
const VarDecl *namedLocal(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() ? VD : nullptr;
}

bool isTrackedType(QualType T) {
  return T->isPointerType() || T->isArrayType();
}

/// Walks the parts of \p S a value is computed from, not entering the
/// arguments of calls the model does not know (strdup(p->name) is a copy,
/// not the borrow). \p Visit returns true to stop.
bool walkValue(const Stmt *S, const ASTContext &Ctx,
               llvm::function_ref<bool(const Expr *)> Visit) {
  if (!S)
    return false;
  if (const auto *E = dyn_cast<Expr>(S)) {
    if (Visit(E))
      return true;
    if (const auto *CE = dyn_cast<CallExpr>(E))
      if (!model::classifyExpr(CE, Ctx))
        return false;
  }
  for (const Stmt *Child : S->children())
    if (walkValue(Child, Ctx, Visit))
      return true;
  return false;
}

/// The expression that takes a borrow in \p Value, if any: rcu_dereference,
/// cds_lfht_iter_get_node (also inside an iteration macro's cursor update
/// and inside caa_container_of).
const Expr *borrowSourceIn(const Expr *Value, const ASTContext &Ctx) {
  const Expr *Found = nullptr;
  walkValue(Value, Ctx, [&](const Expr *E) {
    if (model::classifyExpr(E, Ctx).Kind == model::ApiKind::BorrowSource)
      Found = E;
    return Found != nullptr;
  });
  return Found;
}

/// The first tracked variable \p Value is derived from (`&p->field`,
/// `p[i]`, `p->next`, caa_container_of(p, ...)), if any.
const VarDecl *derivedFrom(const Expr *Value, const BorrowState &State,
                           const ASTContext &Ctx) {
  const VarDecl *Found = nullptr;
  walkValue(Value, Ctx, [&](const Expr *E) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
          VD && State.count(VD))
        Found = VD;
    return Found != nullptr;
  });
  return Found;
}

/// The name the user wrote where \p Loc's macro expansion or token begins.
StringRef writtenName(SourceLocation Loc, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation At = SM.getExpansionLoc(Loc);
  return Lexer::getSourceText(CharSourceRange::getTokenRange(At), SM,
                              Ctx.getLangOpts());
}

/// True if \p Name takes a reference count: urcu_ref_get(_unless_zero),
/// uatomic_inc/add, the C11 and GNU atomic additions.
bool takesReference(StringRef Name) {
  if (Name.contains("ref_get"))
    return true;
  Name = Name.ltrim('_');
  Name.consume_front("c11_");
  Name.consume_front("u");
  return Name.starts_with("atomic_inc") || Name.starts_with("atomic_add") ||
         Name.starts_with("atomic_fetch_add") ||
         Name.starts_with("sync_fetch_and_add") ||
         Name.starts_with("sync_add_and_fetch");
}

/// True if \p CE unlinks a node from a liburcu structure (cds_lfht_del,
/// cds_list_del_rcu, cds_hlist_del_rcu): the updater that unlinked it is
/// the one that frees it (call_rcu after the unlock), so it owns it.
bool unlinks(const CallExpr *CE) {
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || !FD->getDeclName().isIdentifier())
    return false;
  StringRef Name = FD->getName();
  if (Name != "cds_lfht_del" && Name != "cds_list_del_rcu" &&
      Name != "cds_hlist_del_rcu")
    return false;
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  SourceLocation Loc = SM.getSpellingLoc(FD->getFirstDecl()->getLocation());
  return Loc.isValid() && model::isLiburcuHeader(SM.getFilename(Loc));
}

/// The argument expressions of a call or atomic builtin.
llvm::SmallVector<const Expr *, 4> argumentsOf(const Expr *E) {
  llvm::SmallVector<const Expr *, 4> Args;
  if (const auto *CE = dyn_cast<CallExpr>(E))
    Args.append(CE->arg_begin(), CE->arg_end());
  else if (const auto *AE = dyn_cast<AtomicExpr>(E))
    Args.push_back(AE->getPtr());
  return Args;
}

/// A use of a borrow: what the element dereferences, passes on or returns.
struct Use {
  const Expr *At = nullptr;
  const VarDecl *Var = nullptr;
  bool Returned = false;
};

/// The tracked variable the object \p Base points into comes from: the
/// variable itself, or the one caa_container_of (a statement expression) is
/// given.
const VarDecl *baseVariable(const Expr *Base, const BorrowState &State,
                            const ASTContext &Ctx) {
  if (const VarDecl *VD = namedLocal(Base))
    return VD;
  if (isa<StmtExpr>(Base->IgnoreParenCasts()))
    return derivedFrom(Base, State, Ctx);
  return nullptr;
}

/// What element \p S dereferences, passes to a function or returns. A
/// comparison (`if (!p)`, `p == NULL`) reads no RCU-protected memory.
std::optional<Use> useIn(const Stmt *S, const BorrowState &State,
                         const ASTContext &Ctx) {
  if (const auto *ME = dyn_cast<MemberExpr>(S)) {
    if (ME->isArrow())
      if (const VarDecl *VD = baseVariable(ME->getBase(), State, Ctx))
        return Use{ME, VD};
  } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->getOpcode() == UO_Deref)
      if (const VarDecl *VD = baseVariable(UO->getSubExpr(), State, Ctx))
        return Use{UO, VD};
  } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(S)) {
    if (const VarDecl *VD = baseVariable(AS->getBase(), State, Ctx))
      return Use{AS, VD};
  } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
    if (!model::classifyExpr(CE, Ctx))
      for (const Expr *Arg : CE->arguments())
        if (const VarDecl *VD = namedLocal(Arg))
          return Use{Arg, VD};
  } else if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
    // `return p`, `return &p->field`, `return caa_container_of(p, ...)`.
    // A pointer loaded out of the object (`return p->name`) is reported
    // as the load.
    const Expr *Value = RS->getRetValue();
    const Expr *Bare = Value ? Value->IgnoreParenCasts() : nullptr;
    bool Load = isa_and_nonnull<MemberExpr, ArraySubscriptExpr>(Bare) ||
                (isa_and_nonnull<UnaryOperator>(Bare) &&
                 cast<UnaryOperator>(Bare)->getOpcode() == UO_Deref);
    if (Value && !Load && isTrackedType(Value->getType()))
      if (const VarDecl *VD = derivedFrom(Value, State, Ctx))
        return Use{Value, VD, true};
  }
  return std::nullopt;
}

/// Collects the cursor assignments in the heads of liburcu's iteration
/// macros under \p S: each gives the cursor a borrow, however the macro
/// spells it (a call to cds_lfht_iter_get_node, or an inline
/// rcu_dereference nested in macro arguments).
void collectCursorUpdates(const Stmt *S, const ASTContext &Ctx,
                          llvm::SmallPtrSetImpl<const Stmt *> &Out) {
  if (!S)
    return;
  if (const auto *For = dyn_cast<ForStmt>(S);
      For && !model::borrowingIterationMacro(For, Ctx).empty()) {
    std::function<void(const Stmt *)> Assignments = [&](const Stmt *H) {
      if (!H)
        return;
      if (const auto *BO = dyn_cast<BinaryOperator>(H)) {
        if (BO->getOpcode() == BO_Assign) {
          Out.insert(BO);
          return;
        }
        if (BO->getOpcode() == BO_Comma) {
          Assignments(BO->getLHS());
          Assignments(BO->getRHS());
        }
      }
    };
    Assignments(For->getInit());
    Assignments(For->getInc());
  }
  for (const Stmt *Child : S->children())
    collectCursorUpdates(Child, Ctx, Out);
}

class BorrowFlow {
public:
  BorrowFlow(const section::SectionFlow &Sections, ASTContext &Ctx)
      : Sections(Sections), Ctx(Ctx) {
    collectCursorUpdates(Sections.function()->getBody(), Ctx, CursorUpdates);
  }

  bool run();
  void report(llvm::function_ref<void(const Finding &)> Emit);

private:
  BorrowState entryOf(const CFGBlock &B) const;
  /// Applies element \p I of \p B to \p State; \p Section is the section
  /// state before it and becomes the state after it.
  void transfer(const CFGBlock &B, unsigned I, section::SectionState &Section,
                BorrowState &State) const;
  void assign(const VarDecl *Var, const Expr *Value,
              const section::SectionState &Section, BorrowState &State,
              bool Cursor = false) const;
  Finding finding(const Use &U, const BorrowFact &Fact) const;

  const section::SectionFlow &Sections;
  ASTContext &Ctx;
  std::vector<std::optional<BorrowState>> Out;
  llvm::SmallPtrSet<const Stmt *, 4> CursorUpdates;
};

/// The variable \p Cond tests against null, and whether it is null when
/// \p Cond is true: `p`, `!p`, `p == NULL`, `p != NULL`.
std::optional<std::pair<const VarDecl *, bool>> nullTest(const Expr *Cond,
                                                         ASTContext &Ctx) {
  if (!Cond)
    return std::nullopt;
  Cond = Cond->IgnoreParenImpCasts();
  if (const VarDecl *VD = namedLocal(Cond))
    return std::make_pair(VD, false);
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond))
    if (UO->getOpcode() == UO_LNot)
      if (auto Inner = nullTest(UO->getSubExpr(), Ctx))
        return std::make_pair(Inner->first, !Inner->second);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond))
    if (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE) {
      const Expr *L = BO->getLHS(), *R = BO->getRHS();
      if (L->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
        std::swap(L, R);
      const VarDecl *VD = namedLocal(L);
      if (VD &&
          R->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
        return std::make_pair(VD, BO->getOpcode() == BO_EQ);
    }
  return std::nullopt;
}

BorrowState BorrowFlow::entryOf(const CFGBlock &B) const {
  BorrowState State;
  for (const CFGBlock *Pred : B.preds()) {
    if (!Pred || !Out[Pred->getBlockID()])
      continue;
    const BorrowState &From = *Out[Pred->getBlockID()];
    // The branch on which a null test found the pointer null: nothing is
    // borrowed there (`if (!p) return;`, `if (p && !get_ref(&p->ref))`).
    auto Test = nullTest(Pred->getLastCondition(), Ctx);
    if (Test && From.count(Test->first) && Pred->succ_size() == 2) {
      bool TrueBranch = *Pred->succ_begin() == &B;
      bool FalseBranch = *std::next(Pred->succ_begin()) == &B;
      if (TrueBranch != FalseBranch && TrueBranch == Test->second) {
        BorrowState Narrowed = From;
        Narrowed.erase(Test->first);
        join(State, Narrowed);
        continue;
      }
    }
    join(State, From);
  }
  return State;
}

void BorrowFlow::assign(const VarDecl *Var, const Expr *Value,
                        const section::SectionState &Section,
                        BorrowState &State, bool Cursor) const {
  if (!Value || !Var->hasLocalStorage() || !isTrackedType(Var->getType())) {
    State.erase(Var);
    return;
  }
  const Expr *Source = borrowSourceIn(Value, Ctx);
  if (!Source && Cursor)
    Source = Value;
  if (Source) {
    BorrowFact Fact;
    Fact.TakenAt = Source;
    std::optional<int> Min = Section.Depths.minDepth();
    Fact.InOwnSection = Min && *Min > 0;
    State[Var] = Fact;
    return;
  }
  if (const VarDecl *From = derivedFrom(Value, State, Ctx)) {
    BorrowFact Fact = State.lookup(From);
    State[Var] = Fact;
    return;
  }
  // NULL, a malloc'd copy, anything else: no longer a borrow.
  State.erase(Var);
}

void BorrowFlow::transfer(const CFGBlock &B, unsigned I,
                          section::SectionState &Section,
                          BorrowState &State) const {
  const CFGElement &Element = B[I];
  section::SectionState Before = Section;
  Section = Sections.transfer(Element, Section);
  if (auto LE = Element.getAs<CFGLifetimeEnds>()) {
    State.erase(LE->getVarDecl());
    return;
  }
  auto CS = Element.getAs<CFGStmt>();
  if (!CS)
    return;
  const Stmt *S = CS->getStmt();

  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->hasLocalStorage())
        assign(VD, VD->getInit(), Before, State);
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens()))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          assign(VD, BO->getRHS(), Before, State, CursorUpdates.count(BO));
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    // `&p` handed on: whatever writes through it decides; say nothing.
    if (UO->getOpcode() == UO_AddrOf)
      if (const VarDecl *VD = namedLocal(UO->getSubExpr()))
        State.erase(VD);
    return;
  }
  const auto *E = dyn_cast<Expr>(S);
  if (!E || !(isa<CallExpr>(E) || isa<AtomicExpr>(E)))
    return;

  // A reference count taken on a field of the borrowed object, or the
  // object unlinked by this updater: ownership moves out of RCU.
  const auto *CE = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
  if (unlinks(CE) || takesReference(writtenName(E->getBeginLoc(), Ctx)) ||
      (Callee && Callee->getDeclName().isIdentifier() &&
       takesReference(Callee->getName()))) {
    // Every variable holding the same borrow (`node` and the `e` derived
    // from it) is owned now.
    for (const Expr *Arg : argumentsOf(E))
      if (const VarDecl *VD = derivedFrom(Arg, State, Ctx)) {
        const Expr *Taken = State.lookup(VD).TakenAt;
        llvm::SmallVector<const VarDecl *, 4> Owned;
        for (const auto &[Var, Fact] : State)
          if (Fact.TakenAt == Taken)
            Owned.push_back(Var);
        for (const VarDecl *Var : Owned)
          State.erase(Var);
      }
    return;
  }

  const CallExpr *Call = section::callOf(Element);
  if (!Call)
    return;
  section::SectionEffect Effect = Sections.summaries().effectOf(Element);
  // QSBR's rcu_read_unlock is a no-op: only a quiescent state ends there.
  bool ClosesOwnSection =
      Effect.Delta && *Effect.Delta < 0 &&
      Effect.Api.Flav != model::Flavour::Qsbr && !Section.Depths.isUnknown() &&
      Section.Depths.minDepth() && *Section.Depths.minDepth() <= 0;
  for (auto &[Var, Fact] : State)
    if (!Fact.EndedBy &&
        (Effect.EndsProtection || (ClosesOwnSection && Fact.InOwnSection)))
      Fact.EndedBy = Call;
}

bool BorrowFlow::run() {
  const CFG &Graph = Sections.cfg();
  Out.assign(Graph.getNumBlockIDs(), std::nullopt);
  PostOrderCFGView RPOT(&Graph);
  ForwardDataflowWorklist Worklist(Graph, &RPOT);
  Worklist.enqueueBlock(&Graph.getEntry());
  size_t Budget = size_t(Graph.getNumBlockIDs()) * 64 + 1024;
  while (const CFGBlock *B = Worklist.dequeue()) {
    if (Budget-- == 0)
      return false;
    section::SectionState Section = Sections.entryOf(*B);
    BorrowState State = entryOf(*B);
    for (unsigned I = 0; I < B->size(); ++I)
      transfer(*B, I, Section, State);
    std::optional<BorrowState> &Old = Out[B->getBlockID()];
    if (Old) {
      join(State, *Old);
      if (sameState(State, *Old))
        continue;
    }
    Old = std::move(State);
    Worklist.enqueueSuccessors(B);
  }
  return true;
}

Finding BorrowFlow::finding(const Use &U, const BorrowFact &Fact) const {
  const SourceManager &SM = Ctx.getSourceManager();
  model::ApiCall Ender =
      model::classifyFunction(Fact.EndedBy->getDirectCallee());
  bool Qsbr = model::endsQsbrProtection(Ender);
  std::string Section =
      Qsbr ? "a quiescent state ended its RCU protection"
           : "the read-side critical section it was borrowed in ended";
  Finding F;
  F.Loc = SM.getExpansionLoc(U.At->getExprLoc());
  F.Ranges.push_back(section::writtenRange(U.At->getSourceRange(), SM));
  F.Message =
      U.Returned
          ? "returning a pointer into RCU-protected data after " + Section
          : "pointer into RCU-protected data is used after " + Section;
  SourceRange Taken = section::writtenRange(Fact.TakenAt->getSourceRange(), SM);
  F.Notes.push_back({Taken.getBegin(), "the borrow is taken here", Taken});
  SourceRange Ended = section::writtenRange(Fact.EndedBy->getSourceRange(), SM);
  std::string Name =
      "'" + writtenName(Fact.EndedBy->getBeginLoc(), Ctx).str() + "'";
  F.Notes.push_back(
      {Ended.getBegin(),
       Qsbr ? Name + " ends the RCU protection of every borrow taken before "
                     "it here"
            : Name + " ends the read-side critical section here",
       Ended});
  return F;
}

void BorrowFlow::report(llvm::function_ref<void(const Finding &)> Emit) {
  llvm::SmallPtrSet<const Expr *, 8> Reported;
  for (const CFGBlock *B : Sections.cfg()) {
    section::SectionState Section = Sections.entryOf(*B);
    BorrowState State = entryOf(*B);
    for (unsigned I = 0; I < B->size(); ++I) {
      if (auto CS = (*B)[I].getAs<CFGStmt>())
        if (std::optional<Use> U = useIn(CS->getStmt(), State, Ctx)) {
          auto It = State.find(U->Var);
          if (It != State.end() && It->second.EndedBy &&
              Reported.insert(U->At).second)
            Emit(finding(*U, It->second));
        }
      transfer(*B, I, Section, State);
    }
  }
}

/// True if \p S calls something that ends QSBR protection.
bool endsQsbrProtectionIn(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (model::endsQsbrProtection(
            model::classifyFunction(CE->getDirectCallee())))
      return true;
  for (const Stmt *Child : S->children())
    if (endsQsbrProtectionIn(Child))
      return true;
  return false;
}

} // namespace

bool mayEndLiburcuBorrows(const FunctionDecl *FD,
                          section::SectionSummaries &Sections) {
  return Sections.touchesSections(FD) || endsQsbrProtectionIn(FD->getBody());
}

void checkLiburcuBorrows(const FunctionDecl *FD, ASTContext &Ctx,
                         section::SectionSummaries &Sections,
                         llvm::function_ref<void(const Finding &)> Emit) {
  section::SectionFlow Flow(FD, Ctx, Sections);
  if (!Flow.run())
    return;
  BorrowFlow Borrows(Flow, Ctx);
  if (Borrows.run())
    Borrows.report(Emit);
}

} // namespace rcubox::borrow
