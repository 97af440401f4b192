//===- LiburcuBorrows.h - liburcu borrows used after their section -*- C++ -*-//
//
// rcu-borrow-escape for code written directly on liburcu: a pointer borrowed
// inside a read-side critical section (the result of rcu_dereference(), of
// cds_lfht_iter_get_node(), the cursor of an RCU iteration macro, and what
// member access, indexing or caa_container_of derive from them) dereferenced,
// passed on or returned after a path ended that section: rcu_read_unlock()
// (or a wrapper of the translation unit) brought the depth back to where the
// function began, or, in QSBR, rcu_quiescent_state()/rcu_thread_offline()
// ended the protection of every borrow taken before it.
//
// Sections come from section/SectionFlow.h. The borrows are a forward
// may-analysis over the same CFG: per local pointer variable, where its
// borrow was taken and the call (if any) that ended its protection on some
// path. A reference count taken on the object under the section
// (urcu_ref_get_unless_zero, uatomic_inc, an atomic add on one of its
// fields) moves its ownership out of RCU: it is no longer tracked.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_BORROW_LIBURCUBORROWS_H
#define RCUBOX_CORE_BORROW_LIBURCUBORROWS_H

#include "core/Reporter.h"
#include "core/section/SectionFlow.h"

namespace rcubox::borrow {

/// True if \p FD may take a liburcu borrow whose protection it ends itself:
/// it opens or closes a section, or reports a QSBR quiescent state or goes
/// offline. Cheap (an AST walk); every other function is skipped.
bool mayEndLiburcuBorrows(const clang::FunctionDecl *FD,
                          section::SectionSummaries &Sections);

/// Reports through \p Emit each use of a liburcu borrow of \p FD after a
/// path ended the protection it was taken under.
void checkLiburcuBorrows(const clang::FunctionDecl *FD, clang::ASTContext &Ctx,
                         section::SectionSummaries &Sections,
                         llvm::function_ref<void(const Finding &)> Emit);

} // namespace rcubox::borrow

#endif // RCUBOX_CORE_BORROW_LIBURCUBORROWS_H
