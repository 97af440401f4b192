//===- DeferredDestructionWaits.h - Waits on the reclamation side -*- C++ -*-//
//
// A container marked RCU_REQUIRES_* (rcu::RcuBox, rcu::Pointer, a user's)
// destroys its values as deferred destructions: after a grace period, on the
// reclamation thread. A destructor that waits there for deferred
// destructions (rcu::barrier()) waits for itself. Such a value type is
// reported where the container type is first named with it.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SYNC_DEFERREDDESTRUCTIONWAITS_H
#define RCUBOX_CORE_SYNC_DEFERREDDESTRUCTIONWAITS_H

#include "core/Reporter.h"
#include "core/sync/WaitSummary.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SetVector.h"

namespace rcubox::sync {

class DeferredDestructionWaits {
public:
  /// Remembers \p T if its values are destroyed as deferred destructions.
  void addTemplate(const clang::ClassTemplateDecl *T);

  /// Reports each value type whose destructor may wait for deferred
  /// destructions once, where a container of it is first named.
  void report(clang::ASTContext &Ctx,
              llvm::function_ref<void(const Finding &)> Emit);

private:
  llvm::SetVector<const clang::ClassTemplateDecl *> Containers;
  WaitSummaries Summaries{WaitKind::DeferredDestruction};
};

} // namespace rcubox::sync

#endif // RCUBOX_CORE_SYNC_DEFERREDDESTRUCTIONWAITS_H
