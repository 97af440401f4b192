//===- BorrowFacts.h - Loans on RCU guards and what may hold them -*- C++ -*-=//
//
// The vocabulary of the rcu-borrow-escape analysis, after Clang's
// LifetimeSafety: a *loan* is issued by each borrowing call (a call whose
// guard argument binds to an RCU_BORROW / lifetimebound parameter) and lasts
// as long as that guard object; values that may carry a loan are *borrows*.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_BORROW_BORROWFACTS_H
#define RCUBOX_CORE_BORROW_BORROWFACTS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SparseBitVector.h"

namespace rcubox::borrow {

/// The guard object a loan is taken on.
struct GuardRef {
  enum Kind {
    None,      ///< Not a guard we can follow (member, global): no loan.
    Local,     ///< A named guard variable of this function.
    Temporary, ///< A guard temporary, destroyed at the end of its full-expr.
    Parameter, ///< The caller's guard: it outlives this function.
    Argument,  ///< Not a guard: what a parameter carries, for a summary.
  };
  Kind K = None;
  const clang::VarDecl *Var = nullptr; // Local, Parameter, Argument
  const clang::CXXBindTemporaryExpr *Temp = nullptr; // Temporary
  const clang::Expr *Spelling = nullptr; // The guard argument as written.
  /// Argument: the loan stands for the object a reference names, rather
  /// than for what the variable's value holds.
  bool Referent = false;
  /// Parameter, in a summary: the guard is a member of the object a method
  /// of a read-section wrapper runs on (Var is null).
  bool OfObject = false;
};

/// What stripTransparent() looks through: parentheses, full-expressions and
/// temporary materialisation always; then either only the implicit casts that
/// keep an object's identity (no-op, derived-to-base), or every implicit cast
/// and temporary binding (to find the target of a store).
enum class Strip { ObjectIdentity, Everything };
const clang::Expr *stripTransparent(const clang::Expr *E, Strip What);

/// Finds the guard object that the guard-typed expression \p E names. A
/// guard a lambda captures is its caller's: it outlives the call.
GuardRef resolveGuard(const clang::Expr *E);
/// The guard object that a reference to variable \p VD names.
GuardRef resolveGuardVar(const clang::VarDecl *VD);

struct Loan {
  unsigned ID;
  const clang::Expr *IssuedBy; // The borrowing call.
  GuardRef Guard;
  /// For a call to a function not marked RCU_BORROW whose result carries a
  /// borrow of its guard parameter: that function, and the borrowing call
  /// in it.
  const clang::FunctionDecl *InferredFrom = nullptr;
  const clang::Expr *InnerBorrow = nullptr;
};

/// Sparse: a function may issue thousands of loans, a value carries a few.
using LoanBits = llvm::SparseBitVector<64>;

/// Loans a value may carry; each is live or dangling (its guard ended on some
/// path that reached here while the value held it).
struct LoanSet {
  LoanBits Live, Dangling;

  bool empty() const { return Live.empty() && Dangling.empty(); }
  LoanSet &operator|=(const LoanSet &O) {
    Live |= O.Live;
    Dangling |= O.Dangling;
    return *this;
  }
  bool operator==(const LoanSet &O) const {
    return Live == O.Live && Dangling == O.Dangling;
  }
  bool operator!=(const LoanSet &O) const { return !(*this == O); }
};

/// What an expression carries: Ref protects the storage a glvalue designates
/// (a reference into RCU data), Val is carried by the value (a pointer, view,
/// iterator or closure, or the holdings of a local variable).
struct ExprLoans {
  LoanSet Ref, Val;
  ExprLoans &operator|=(const ExprLoans &O) {
    Ref |= O.Ref;
    Val |= O.Val;
    return *this;
  }
  bool operator==(const ExprLoans &O) const {
    return Ref == O.Ref && Val == O.Val;
  }
  bool operator!=(const ExprLoans &O) const { return !(*this == O); }
};

/// True if values of \p T can carry a borrow: pointers, references, views,
/// iterators, closures, smart pointers (which may be built around a borrowed
/// pointer), and aggregates or containers of those. Owning types
/// (std::string, a class whose own copy constructor copies what it points
/// to) cannot.
class BorrowTypes {
public:
  bool mayHoldBorrow(clang::QualType T);

  /// True if an object of type \p Holder, made or assigned from a reference
  /// to an object of type \p Referent, may keep referring to it rather than
  /// copy it: views and pointer-like types, library templates over those,
  /// and classes with a pointer-like member that may point into a Referent.
  /// optional<Config>, vector<Peer> or pair<int, Peer> copy.
  bool mayReferTo(clang::QualType Holder, clang::QualType Referent,
                  unsigned Depth = 0);

private:
  llvm::DenseMap<const clang::Type *, bool> Cache;
};

/// True if a pointer-like value of type \p Result may point into an object
/// of type \p Source: at it, a base or derived object, a member, an element
/// of a container in it, or anything it points to. A view or iterator whose
/// element type is unknown may point anywhere.
bool mayPointInto(clang::QualType Result, clang::QualType Source);

/// True if \p Holder is pointer-like, a closure, or a library template
/// (optional, vector, pair ...) of such types, which keep pointers they are
/// given rather than copy what they point to.
bool storesPointerLike(clang::QualType Holder, unsigned Depth = 0);

/// True for references, pointers, and classes that point rather than own:
/// views, iterators, spans, reference_wrapper, [[gsl::Pointer]] types.
bool isPointerLike(clang::QualType T);

/// A class with a nested `promise_type`: what a coroutine returns (a task,
/// a generator), owning the frame that keeps the coroutine's arguments.
bool isCoroutineTaskType(clang::QualType T);

/// A std::pair or std::tuple of pointer-like values and plain scalars, at
/// least one pointer-like (`equal_range`'s pair of iterators, `{it, bool}`).
bool isTupleOfPointerLikes(clang::QualType T);

/// "pointer", "reference", "iterator", "view", "lambda" or "value holding a
/// pointer": what to call a borrow of type \p T in a diagnostic.
llvm::StringRef describeBorrow(clang::QualType T);

/// True for C library lookups (getenv, setlocale ...) whose pointer result
/// has nothing to do with their string argument, against Rust's elision.
bool returnsUnrelatedPointer(const clang::FunctionDecl *FD);

/// True for std::thread, std::jthread and friends, which run a callable on a
/// new thread that outlives any guard of the creating thread.
bool isThreadSpawningType(clang::QualType T);
/// The thread type a standard container or optional holds, if any.
const clang::CXXRecordDecl *threadElementOf(clang::QualType Container);
/// std::array: a fixed-size local aggregate, not a growing container.
bool isStdArray(clang::QualType T);
/// The element type of std::shared_ptr, std::unique_ptr or std::weak_ptr;
/// null for other types.
clang::QualType smartPointee(clang::QualType T);
/// std::future (what std::async returns; its destructor waits).
bool isStdFuture(clang::QualType T);
bool isThreadSpawningFunction(const clang::FunctionDecl *FD);

/// std::back_insert_iterator, std::front_insert_iterator, std::insert_iterator.
bool isInsertIterator(clang::QualType T);

/// True if \p Name is a member function that stores its argument into the
/// container it is called on (push_back, insert, emplace, ...).
bool isContainerInsertion(const clang::CXXMethodDecl *MD);

} // namespace rcubox::borrow

#endif // RCUBOX_CORE_BORROW_BORROWFACTS_H
