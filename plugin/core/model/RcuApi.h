//===- RcuApi.h - What an RCU API call means --------------------*- C++ -*-===//
//
// The one place that knows the RCU vocabulary of libraries written without
// rcubox's markers (today liburcu, see Liburcu.cpp): which calls begin or end
// a read-side critical section, report a quiescent state, wait for a grace
// period, defer a free, or return a pointer that is valid only inside a
// section. Checks ask this facade, never a function's name.
//
// A function is only taken for liburcu's when it is declared in a liburcu
// header: a project's own function that happens to be called
// `urcu_memb_read_lock` (or `rcu_read_lock`) means nothing here.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_MODEL_RCUAPI_H
#define RCUBOX_CORE_MODEL_RCUAPI_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"

namespace rcubox::model {

/// liburcu's flavours; Unknown for flavour-independent APIs (rculfhash,
/// rculist, rcu_dereference) and names whose flavour is chosen elsewhere.
enum class Flavour { Unknown, Memb, Mb, Signal, Qsbr, Bp };

enum class ApiKind {
  None,
  SectionBegin,    // rcu_read_lock
  SectionEnd,      // rcu_read_unlock
  QuiescentState,  // rcu_quiescent_state (QSBR: ends every borrow)
  ThreadOffline,   // rcu_thread_offline (QSBR: ends every borrow)
  ThreadOnline,    // rcu_thread_online
  GracePeriodWait, // synchronize_rcu
  Barrier,         // rcu_barrier, rcu_defer_barrier: wait for callbacks
  DeferredFree,    // call_rcu, defer_rcu
  BorrowSource,    // rcu_dereference, cds_lfht_iter_get_node, lookups
};

struct ApiCall {
  ApiKind Kind = ApiKind::None;
  Flavour Flav = Flavour::Unknown;
  explicit operator bool() const { return Kind != ApiKind::None; }
};

/// What calling \p FD means, if it is a liburcu function (declared in a
/// liburcu header): every flavour's `urcu_<flavour>_*` names, the
/// `_urcu_<flavour>_*` inline forms _LGPL_SOURCE selects, and the out-of-line
/// `*_sym` functions behind the pointer macros; or if the configuration
/// declares it (UserModel.h: a project's section functions, borrowing and
/// waiting functions, whose flavour is Unknown).
ApiCall classifyFunction(const clang::FunctionDecl *FD);

/// What the call or macro expansion \p E means: a call to a liburcu function
/// (classifyFunction), or an expression expanded from one of liburcu's
/// borrowing macros (`rcu_dereference`, `_rcu_dereference`,
/// `urcu_<flavour>_dereference`) whatever it expands to (a statement
/// expression around `__atomic_load_n` or CMM_LOAD_SHARED, or a call to
/// `rcu_dereference_sym`).
ApiCall classifyExpr(const clang::Expr *E, const clang::ASTContext &Ctx);

/// The name of the liburcu iteration macro (`cds_lfht_for_each_entry`,
/// `cds_list_for_each_entry_rcu`, ...) whose expansion produced \p S, or "".
/// Each iteration's cursor is a borrow valid only inside the section.
llvm::StringRef borrowingIterationMacro(const clang::Stmt *S,
                                        const clang::ASTContext &Ctx);

/// True if \p Path is one of liburcu's headers (`.../urcu/...`, `urcu.h`,
/// `urcu-<flavour>.h`).
bool isLiburcuHeader(llvm::StringRef Path);

/// True for the calls that wait for a grace period, so must not be made
/// inside a read-side critical section: synchronize_rcu and the barriers
/// (rcu_barrier, rcu_defer_barrier) of every flavour.
inline bool waitsForGracePeriod(ApiCall C) {
  return C.Kind == ApiKind::GracePeriodWait || C.Kind == ApiKind::Barrier;
}

/// True if \p C ends the protection of every borrow taken before it: a
/// quiescent state or going offline, in the QSBR flavour only (elsewhere
/// they are no-ops; sections alone protect).
inline bool endsQsbrProtection(ApiCall C) {
  return C.Flav == Flavour::Qsbr && (C.Kind == ApiKind::QuiescentState ||
                                     C.Kind == ApiKind::ThreadOffline);
}

llvm::StringRef flavourName(Flavour F);

} // namespace rcubox::model

#endif // RCUBOX_CORE_MODEL_RCUAPI_H
