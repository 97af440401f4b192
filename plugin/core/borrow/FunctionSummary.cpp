//===- FunctionSummary.cpp - What a function does with its arguments ------===//

#include "core/borrow/FunctionSummary.h"
#include "core/Compat.h"
#include "core/borrow/FunctionAnalysis.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace rcubox::borrow {

namespace {

/// Bounds: how deep summaries may nest while one is computed, how many a
/// translation unit computes, how often a recursive one is recomputed, and
/// how many stores and steps each keeps.
constexpr unsigned MaxNesting = 16;
constexpr unsigned MaxSummaries = 8192;
constexpr unsigned MaxRounds = 4;
constexpr unsigned MaxStoresPerVar = 4;
constexpr unsigned MaxSteps = 4;

bool sameStores(llvm::ArrayRef<ParamStore> A, llvm::ArrayRef<ParamStore> B) {
  if (A.size() != B.size())
    return false;
  for (unsigned I = 0; I < A.size(); ++I)
    if (A[I].Kind != B[I].Kind || A[I].Dest != B[I].Dest ||
        A[I].ThroughParam != B[I].ThroughParam)
      return false;
  return true;
}

/// Hears, from the analysis of one function with a loan per summarised
/// variable, where each loan goes.
class SummaryRecorder final : public BorrowEscapeHandler {
public:
  SummaryRecorder(const FunctionDecl *FD, FunctionSummary &S)
      : FD(FD), S(S), Vars(internal::summarisedVariables(FD)) {
    S.Stores.resize(2 * Vars.size());
    S.ResultFrom.resize(2 * Vars.size());
  }

  void handleUseAfterGuardEnd(const Expr *, const ValueDecl *, const Loan &,
                              SourceLocation, const Stmt *) override {}

  void handleEscape(EscapeKind K, const Stmt *At, const NamedDecl *Dest,
                    QualType, const Loan &L, SourceLocation,
                    llvm::ArrayRef<EscapeStep> Steps) override {
    if (L.Guard.K == GuardRef::Parameter && L.Guard.OfObject) {
      if (K == EscapeKind::Return)
        S.ResultBorrowsGuard.try_emplace(ObjectGuardIndex, L.IssuedBy);
      return;
    }
    std::optional<unsigned> Idx = indexOf(L.Guard.Var);
    if (!Idx)
      return;
    if (L.Guard.K == GuardRef::Parameter) {
      if (K == EscapeKind::Return && isGuardType(L.Guard.Var->getType()))
        S.ResultBorrowsGuard.try_emplace(*Idx, L.IssuedBy);
      return;
    }
    if (L.Guard.K != GuardRef::Argument)
      return;
    unsigned Slot = L.Guard.Referent ? referentSlot(*Idx) : valueSlot(*Idx);
    if (K == EscapeKind::Return) {
      S.ResultFrom.set(Slot);
      return;
    }
    ParamStore PS{K, Dest, 0, {}};
    switch (K) {
    case EscapeKind::Member:
    case EscapeKind::Global:
    case EscapeKind::Thread:
      break;
    case EscapeKind::ThroughParam:
    case EscapeKind::Captured: {
      std::optional<unsigned> Through =
          indexOf(dyn_cast_or_null<VarDecl>(Dest));
      if (!Through)
        return;
      PS.ThroughParam = *Through;
      break;
    }
    case EscapeKind::OuterContainer:
    case EscapeKind::Return:
      return;
    }
    auto &Stores = S.Stores[Slot];
    if (Stores.size() >= MaxStoresPerVar ||
        llvm::any_of(Stores, [&](const ParamStore &O) {
          return O.Kind == PS.Kind && O.Dest == PS.Dest &&
                 O.ThroughParam == PS.ThroughParam;
        }))
      return;
    PS.Steps.push_back({stepLoc(At), stepText(K, Dest, *Idx, At, Steps)});
    for (const EscapeStep &Inner : Steps)
      if (PS.Steps.size() < MaxSteps)
        PS.Steps.push_back(Inner);
    Stores.push_back(std::move(PS));
  }

private:
  std::optional<unsigned> indexOf(const VarDecl *VD) const {
    for (unsigned I = 0; I < Vars.size(); ++I)
      if (Vars[I] == VD)
        return I;
    return std::nullopt;
  }

  static SourceLocation stepLoc(const Stmt *At) {
    if (const auto *E = dyn_cast<Expr>(At))
      return E->getExprLoc();
    return At->getBeginLoc();
  }

  std::string subject() const {
    const auto *MD = dyn_cast<CXXMethodDecl>(FD);
    if (MD && MD->getParent()->isLambda())
      return "the lambda";
    return "'" + FD->getNameAsString() + "'";
  }

  std::string stepText(EscapeKind K, const NamedDecl *Dest, unsigned Idx,
                       const Stmt *At, llvm::ArrayRef<EscapeStep> Steps) const {
    std::string What = Idx < FD->getNumParams()
                           ? "its argument"
                           : "'" + Vars[Idx]->getNameAsString() + "'";
    std::string Name = Dest && Dest->getIdentifier()
                           ? "'" + Dest->getNameAsString() + "'"
                           : std::string();
    if (!Steps.empty())
      if (const auto *Call = dyn_cast<CallExpr>(At))
        if (const FunctionDecl *Callee = Call->getDirectCallee())
          return subject() + " passes " + What + " to '" +
                 Callee->getNameAsString() + "'";
    switch (K) {
    case EscapeKind::Member:
      return subject() + " stores " + What + " into member " +
             (Name.empty() ? "of '*this'" : Name);
    case EscapeKind::Global:
      return subject() + " stores " + What + " into " +
             (Name.empty() ? "storage" : Name) +
             ", which has static storage duration";
    case EscapeKind::ThroughParam:
      return subject() + " stores " + What + " through its parameter " + Name;
    case EscapeKind::Captured:
      return subject() + " stores " + What + " into " + Name +
             ", which it captures by reference";
    case EscapeKind::Thread:
      return subject() + " hands " + What + " to '" +
             (Dest ? Dest->getQualifiedNameAsString() : "a new thread") + "'";
    case EscapeKind::OuterContainer:
    case EscapeKind::Return:
      break;
    }
    return subject() + " keeps " + What;
  }

  const FunctionDecl *FD;
  FunctionSummary &S;
  llvm::SmallVector<const VarDecl *, 4> Vars;
};

} // namespace

bool FunctionSummary::operator==(const FunctionSummary &O) const {
  if (ResultFrom != O.ResultFrom || Stores.size() != O.Stores.size() ||
      ResultBorrowsGuard.size() != O.ResultBorrowsGuard.size())
    return false;
  for (const auto &Entry : ResultBorrowsGuard)
    if (!O.ResultBorrowsGuard.count(Entry.first))
      return false;
  for (unsigned I = 0; I < Stores.size(); ++I)
    if (!sameStores(Stores[I], O.Stores[I]))
      return false;
  return true;
}

bool FunctionSummary::empty() const {
  return ResultFrom.none() && ResultBorrowsGuard.empty() &&
         llvm::all_of(Stores, [](const auto &S) { return S.empty(); });
}

FunctionSummaries::~FunctionSummaries() = default;

const FunctionSummary *FunctionSummaries::get(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || Def->isInvalidDecl() ||
      Def->isDependentContext() || compat::isInStlNamespace(Def))
    return nullptr;
  // Implicit and defaulted members copy member by member; the analysis
  // models copies and assignments of holders directly.
  if (Def->isImplicit() || Def->isDefaulted())
    return nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
    return nullptr;
  if (auto It = Memo.find(Def); It != Memo.end())
    return It->second.get();
  if (auto It = InProgress.find(Def); It != InProgress.end()) {
    // Recursion: what is known so far; the caller will be recomputed.
    LowLink = std::min(LowLink, It->second);
    return Provisional[Def].get();
  }
  if (InProgress.size() >= MaxNesting || Computed >= MaxSummaries)
    return nullptr;
  return compute(Def);
}

CFG *FunctionSummaries::cfgFor(
    const Stmt *Body, llvm::function_ref<std::unique_ptr<CFG>()> Build) {
  std::unique_ptr<CFG> &Slot = CFGs[Body];
  if (!Slot)
    Slot = Build();
  return Slot.get();
}

const FunctionSummary *FunctionSummaries::compute(const FunctionDecl *Def) {
  unsigned Depth = InProgress.size();
  InProgress[Def] = Depth;
  Provisional[Def] = std::make_unique<FunctionSummary>();
  unsigned OuterLowLink = LowLink;
  auto Result = std::make_unique<FunctionSummary>();
  for (unsigned Round = 0; Round < MaxRounds; ++Round) {
    ++Computed;
    LowLink = ~0u;
    FunctionSummary S;
    SummaryRecorder Recorder(Def, S);
    S.Complete = internal::FunctionAnalysis(Def, Ctx, Types, *this, Recorder,
                                            /*Summarising=*/true)
                     .run();
    bool ReadItself = LowLink == Depth;
    bool Stable = S == *Provisional[Def];
    *Result = S;
    if (!ReadItself || Stable)
      break;
    // It read its own provisional summary, which has grown: again.
    *Provisional[Def] = std::move(S);
  }
  InProgress.erase(Def);
  Provisional.erase(Def);
  // A summary that read an unfinished caller's may be short of the final
  // one; it is kept anyway (mutual recursion converges at the outermost
  // function's rounds, and the bound keeps it cheap).
  LowLink = std::min(OuterLowLink, LowLink == Depth ? ~0u : LowLink);
  auto &Slot = Memo[Def];
  Slot = std::move(Result);
  return Slot.get();
}

} // namespace rcubox::borrow
