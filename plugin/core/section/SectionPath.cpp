//===- SectionPath.cpp - One path explaining a section's depth ------------===//

#include "core/section/SectionPath.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include <deque>

using namespace clang;

namespace rcubox::section {
namespace {

/// A search node: a block entered with one (depth, opened) pair.
struct Node {
  const CFGBlock *Block;
  int Depth;
  bool Opened;
  int Parent;         // Index into the node list; -1 for the entry.
  unsigned SuccIndex; // Which successor of the parent's block this is.
};

bool matches(const DepthSet &S, int Depth, std::optional<bool> Opened) {
  bool Found = false;
  S.forEach([&](int D, bool O) {
    if (D == Depth && (!Opened || *Opened == O))
      Found = true;
  });
  return Found;
}

/// The one (depth, opened) pair \p S holds, if it holds exactly one.
std::optional<std::pair<int, bool>> onlyPair(const DepthSet &S) {
  std::optional<std::pair<int, bool>> Out;
  unsigned N = 0;
  S.forEach([&](int D, bool O) {
    Out = {D, O};
    ++N;
  });
  return N == 1 ? Out : std::nullopt;
}

bool isLoop(const Stmt *T) {
  return isa<WhileStmt, ForStmt, DoStmt, CXXForRangeStmt>(T);
}

/// Describes taking successor \p Index of \p B, if it is worth a note.
std::optional<PathEvent> describeBranch(const CFGBlock &B, unsigned Index,
                                        const CFGBlock &Succ) {
  const Stmt *T = B.getTerminatorStmt();
  if (!T)
    return std::nullopt;
  PathEvent E;
  if (const auto *Goto = dyn_cast<GotoStmt>(T)) {
    E.Loc = Goto->getGotoLoc();
    E.Range = Goto->getSourceRange();
    E.Description = "jumping to '" + Goto->getLabel()->getName().str() + "'";
    return E;
  }
  unsigned Reachable = 0;
  for (const CFGBlock *S : B.succs())
    Reachable += S != nullptr;
  if (Reachable < 2)
    return std::nullopt;
  if (isa<SwitchStmt>(T)) {
    const Stmt *Label = Succ.getLabel();
    if (!Label)
      return std::nullopt;
    E.Loc = Label->getBeginLoc();
    E.Range = SourceRange(Label->getBeginLoc());
    E.Description = "taking this case";
    return E;
  }
  const Stmt *Cond = B.getTerminatorCondition();
  if (!Cond || Index > 1)
    return std::nullopt;
  E.Loc = Cond->getBeginLoc();
  E.Range = Cond->getSourceRange();
  if (isLoop(T))
    E.Description = Index == 0 ? "entering the loop" : "leaving the loop";
  else
    E.Description =
        Index == 0 ? "taking the true branch" : "taking the false branch";
  return E;
}

/// Breadth-first search over (block, depth, opened) for a path reaching the
/// target point with the target depth: the shortest one, each node visited
/// once.
class PathSearch {
public:
  PathSearch(const SectionFlow &Flow, const CFGBlock &Target, unsigned Index,
             int Depth, std::optional<bool> Opened)
      : Flow(Flow), Target(Target), Index(Index), Depth(Depth), Opened(Opened) {
  }

  /// The nodes of a path from \p Start entered with (\p D, \p O), first to
  /// last, or empty.
  std::vector<Node> from(const CFGBlock &Start, int D, bool O) const {
    std::vector<Node> Nodes{{&Start, D, O, -1, 0}};
    llvm::DenseSet<uint64_t> Seen;
    Seen.insert(key(Start, D, O));
    for (size_t I = 0; I < Nodes.size(); ++I) {
      Node N = Nodes[I];
      SectionState State{DepthSet::single(N.Depth, N.Opened), Online::Yes};
      if (N.Block == &Target && reachesTarget(State))
        return chain(Nodes, int(I));
      for (const CFGElement &E : *N.Block)
        State = Flow.transfer(E, State);
      auto Pair = onlyPair(State.Depths);
      if (!Pair)
        continue;
      unsigned SuccIndex = 0;
      for (const CFGBlock *Succ : N.Block->succs()) {
        unsigned ThisIndex = SuccIndex++;
        if (Succ && Seen.insert(key(*Succ, Pair->first, Pair->second)).second)
          Nodes.push_back({Succ, Pair->first, Pair->second, int(I), ThisIndex});
      }
    }
    return {};
  }

private:
  static uint64_t key(const CFGBlock &B, int D, bool O) {
    return (uint64_t(B.getBlockID()) << 8) |
           (uint64_t(D - DepthSet::MinDepth) << 1) | uint64_t(O);
  }
  bool reachesTarget(SectionState At) const {
    for (unsigned E = 0; E < Index && E < Target.size(); ++E)
      At = Flow.transfer(Target[E], At);
    return matches(At.Depths, Depth, Opened);
  }
  static std::vector<Node> chain(const std::vector<Node> &Nodes, int Last) {
    std::vector<Node> Out;
    for (int I = Last; I >= 0; I = Nodes[I].Parent)
      Out.push_back(Nodes[I]);
    std::reverse(Out.begin(), Out.end());
    return Out;
  }

  const SectionFlow &Flow;
  const CFGBlock &Target;
  unsigned Index;
  int Depth;
  std::optional<bool> Opened;
};

/// True if leaving \p From (whose end state is \p Pair) through a successor
/// other than \p Taken also reaches the target as the path does: the branch
/// does not matter to the finding, and a note about it would be noise.
bool otherBranchAlsoReaches(const PathSearch &Search, const CFGBlock &From,
                            const CFGBlock &Taken, std::pair<int, bool> Pair) {
  for (const CFGBlock *Succ : From.succs())
    if (Succ && Succ != &Taken &&
        !Search.from(*Succ, Pair.first, Pair.second).empty())
      return true;
  return false;
}

} // namespace

SourceRange writtenRange(SourceRange R, const SourceManager &SM) {
  if (!R.getBegin().isMacroID() && !R.getEnd().isMacroID())
    return R;
  return SM.getExpansionRange(R).getAsRange();
}

std::optional<SectionPath> findPath(const SectionFlow &Flow,
                                    const CFGBlock &Target, unsigned Index,
                                    int Depth, std::optional<bool> Opened) {
  PathSearch Search(Flow, Target, Index, Depth, Opened);
  std::vector<Node> Chain = Search.from(Flow.cfg().getEntry(), 0, false);
  if (Chain.empty())
    return std::nullopt;

  SectionPath Path;
  SectionSummaries &Summaries = Flow.summaries();
  const SourceManager &SM = Flow.function()->getASTContext().getSourceManager();
  for (size_t C = 0; C < Chain.size(); ++C) {
    const CFGBlock &B = *Chain[C].Block;
    if (C > 0) {
      const CFGBlock &Prev = *Chain[C - 1].Block;
      if (auto Branch = describeBranch(Prev, Chain[C].SuccIndex, B))
        if (isa<GotoStmt>(Prev.getTerminatorStmt()) ||
            !otherBranchAlsoReaches(Search, Prev, B,
                                    {Chain[C].Depth, Chain[C].Opened})) {
          Branch->Range = writtenRange(Branch->Range, SM);
          Branch->Loc = SM.getExpansionLoc(Branch->Loc);
          Path.Events.push_back(std::move(*Branch));
        }
    }
    unsigned End = C + 1 == Chain.size() ? Index : B.size();
    for (unsigned E = 0; E < End && E < B.size(); ++E) {
      SectionEffect Effect = Summaries.effectOf(B[E]);
      if (!Effect.Delta || *Effect.Delta == 0)
        continue;
      const CallExpr *Call = callOf(B[E]);
      for (int K = 0; K < *Effect.Delta; ++K) {
        Path.Events.push_back(PathEvent::call(PathEvent::Open, Call));
        Path.OpenCalls.push_back(Call);
      }
      for (int K = 0; K > *Effect.Delta; --K) {
        Path.Events.push_back(PathEvent::call(PathEvent::Close, Call));
        if (!Path.OpenCalls.empty())
          Path.OpenCalls.pop_back();
      }
    }
  }
  return Path;
}

} // namespace rcubox::section
