//===- SourceContext.cpp - Where a node of rcu-guard-misuse is ------------===//

#include "core/guard/SourceContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace rcubox::guard {

bool inSystemHeader(SourceLocation Loc, const SourceManager &SM) {
  return Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

const FunctionDecl *enclosingFunction(const Stmt *S, ASTContext &Ctx,
                                      bool ThroughLambdas) {
  const FunctionDecl *Found = nullptr;
  DynTypedNode Node = DynTypedNode::create(*S);
  // The bound only protects against a malformed parent chain.
  for (unsigned Steps = 0; Steps < 256; ++Steps) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
    if (const auto *FD = Node.get<FunctionDecl>()) {
      Found = FD;
      const auto *MD = dyn_cast<CXXMethodDecl>(FD);
      if (!ThroughLambdas || !MD || !MD->getParent()->isLambda())
        break;
    }
  }
  return Found;
}

} // namespace rcubox::guard
