//===- BorrowFacts.cpp - Loans on RCU guards and what may hold them -------===//

#include "core/borrow/BorrowFacts.h"
#include "core/Annotations.h"
#include "core/Compat.h"
#include "core/TypeArguments.h"
#include "core/borrow/ConstructorSummary.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace rcubox::borrow {

const Expr *stripTransparent(const Expr *E, Strip What) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E)) {
      CastKind K = ICE->getCastKind();
      if (What == Strip::Everything || K == CK_NoOp || K == CK_DerivedToBase ||
          K == CK_UncheckedDerivedToBase) {
        E = ICE->getSubExpr();
        continue;
      }
      return E;
    }
    if (const auto *FE = dyn_cast<FullExpr>(E)) {
      E = FE->getSubExpr();
      continue;
    }
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MTE->getSubExpr();
      continue;
    }
    if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E);
        BTE && What == Strip::Everything) {
      E = BTE->getSubExpr();
      continue;
    }
    return E;
  }
}

/// The object of a class holding a guard (a user's read-section wrapper)
/// whose guard \p E designates: `s.guard_`, `s.guard()`, or `s` converted
/// to its guard. Through a pointer the guard lives with the pointee, which
/// the analysis does not follow.
static const Expr *guardHolderOf(const Expr *E) {
  const Expr *Object = nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (ME->isArrow() || !isa<FieldDecl>(ME->getMemberDecl()))
      return nullptr;
    Object = ME->getBase();
  } else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
             Cast && Cast->getCastKind() == CK_UserDefinedConversion) {
    return guardHolderOf(Cast->getSubExpr()->IgnoreParens());
  } else if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
    // An accessor: a method of the holder taking nothing and returning a
    // reference to a guard, which can only be its own.
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    const auto *Callee = dyn_cast<MemberExpr>(MCE->getCallee());
    if (!MD || MD->getNumParams() != 0 || !Callee || Callee->isArrow() ||
        !MD->getReturnType()->isReferenceType() ||
        !isGuardType(MD->getReturnType()))
      return nullptr;
    Object = MCE->getImplicitObjectArgument();
  } else {
    return nullptr;
  }
  return Object && holdsGuard(Object->getType()) ? Object : nullptr;
}

/// Resolves a reference to \p VD; sets \p Next to the expression a
/// reference variable is bound to, to follow it.
static GuardRef resolveVar(const VarDecl *VD, bool Captured,
                           const Expr *&Next) {
  GuardRef G;
  Next = nullptr;
  if (!VD)
    return G;
  if (isa<ParmVarDecl>(VD) || (Captured && VD->hasLocalStorage())) {
    G.K = GuardRef::Parameter;
    G.Var = VD;
    return G;
  }
  if (!VD->hasLocalStorage())
    return G;
  if (!VD->getType()->isReferenceType()) {
    G.K = GuardRef::Local;
    G.Var = VD;
    return G;
  }
  // A reference: a lifetime-extended temporary lives as long as the
  // reference; otherwise follow it to the guard it names.
  const Expr *Init = VD->getInit();
  if (!Init)
    return G;
  if (const auto *MTE =
          dyn_cast<MaterializeTemporaryExpr>(Init->IgnoreParenImpCasts()))
    if (MTE->getExtendingDecl() == VD) {
      G.K = GuardRef::Local;
      G.Var = VD;
      return G;
    }
  Next = Init;
  return G;
}

GuardRef resolveGuard(const Expr *E) {
  GuardRef G;
  G.Spelling = E;
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = stripTransparent(E, Strip::ObjectIdentity);
    // A default argument is evaluated at each call: its temporary guard
    // ends with the call's full-expression.
    if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(E)) {
      E = Default->getExpr();
      continue;
    }
    // A guard held by a wrapper object lives as long as the wrapper.
    if (const Expr *Wrapper = guardHolderOf(E)) {
      E = Wrapper;
      continue;
    }
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      G.K = GuardRef::Temporary;
      G.Temp = Bind;
      return G;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    if (!DRE)
      return G;
    const Expr *Next;
    GuardRef Found =
        resolveVar(dyn_cast<VarDecl>(DRE->getDecl()),
                   DRE->refersToEnclosingVariableOrCapture(), Next);
    if (!Next) {
      Found.Spelling = G.Spelling;
      return Found;
    }
    E = Next;
  }
  return G;
}

GuardRef resolveGuardVar(const VarDecl *VD) {
  const Expr *Next;
  GuardRef G = resolveVar(VD, false, Next);
  return Next ? resolveGuard(Next) : G;
}

static bool isStdRecordNamed(const CXXRecordDecl *RD,
                             std::initializer_list<StringRef> Names) {
  if (!RD || !RD->getIdentifier() || !compat::isInStlNamespace(RD))
    return false;
  StringRef Name = RD->getName();
  for (StringRef N : Names)
    if (Name == N)
      return true;
  return false;
}

/// What std::bind, std::bind_front and std::bind_back return (libstdc++'s
/// and libc++'s names): a callable holding copies of the bound arguments.
static bool isBindResult(const CXXRecordDecl *RD) {
  return isStdRecordNamed(RD, {"_Bind", "_Bind_result", "_Bind_front",
                               "_Bind_back", "__bind", "__bind_r",
                               "__bind_front_t", "__bind_back_t"});
}

/// True if \p Pred holds for the type of a field or base of \p Def.
static bool anyMemberType(const CXXRecordDecl *Def,
                          llvm::function_ref<bool(QualType)> Pred) {
  for (const FieldDecl *F : Def->fields())
    if (Pred(F->getType()))
      return true;
  for (const CXXBaseSpecifier &B : Def->bases())
    if (Pred(B.getType()))
      return true;
  return false;
}

static bool isIteratorName(StringRef Name) {
  return Name.ends_with("iterator") || Name.ends_with("_Iterator") ||
         Name.ends_with("_iter");
}

bool BorrowTypes::mayHoldBorrow(QualType T) {
  if (T.isNull())
    return false;
  T = T.getCanonicalType();
  if (T->isReferenceType() || T->isPointerType() || T->isBlockPointerType())
    return !T->getPointeeType()->isFunctionType();
  if (const auto *AT = dyn_cast<ArrayType>(T.getTypePtr()))
    return mayHoldBorrow(AT->getElementType());
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || isGuardType(T))
    return false;
  auto [It, Inserted] = Cache.try_emplace(T.getTypePtr(), false);
  if (!Inserted)
    return It->second; // Cycles and repeats: assume no until proven.
  auto Result = [&]() -> bool {
    if (RD->isLambda())
      return true;
    if (compat::isGslPointerType(T) || isIteratorName(RD->getName()))
      return true;
    if (isStdRecordNamed(RD,
                         {"function", "move_only_function", "copyable_function",
                          "function_ref", "packaged_task", "reference_wrapper",
                          "span", "basic_string_view"}) ||
        isBindResult(RD))
      return true;
    if (isStdRecordNamed(RD, {"thread", "jthread", "basic_string"}))
      return false;
    // A coroutine's task owns its frame, which keeps the coroutine's
    // reference and pointer arguments until it finishes.
    if (isCoroutineTaskType(T))
      return true;
    // An owner, but one built around a borrowed raw pointer (with a no-op
    // deleter, or the aliasing constructor) holds that pointer.
    if (!smartPointee(T).isNull())
      return true;
    // Library templates hold what their arguments hold.
    if (compat::isInStlNamespace(RD) || compat::isGslOwnerType(T)) {
      return llvm::any_of(typeArguments(RD),
                          [&](QualType A) { return mayHoldBorrow(A); });
    }
    const CXXRecordDecl *Def = RD->getDefinition();
    if (!Def || Def->isInvalidDecl())
      return false;
    // A class that copies itself by hand owns what it points to, unless its
    // copy constructor copies a pointer member (a hand-written iterator); a
    // defaulted copy constructor copies the pointers.
    for (const CXXConstructorDecl *Ctor : Def->ctors())
      if (Ctor->isCopyConstructor() && Ctor->isUserProvided() &&
          !copyConstructorKeepsPointers(Ctor, *this).value_or(false))
        return false;
    return anyMemberType(Def, [&](QualType M) { return mayHoldBorrow(M); });
  }();
  Cache[T.getTypePtr()] = Result;
  return Result;
}

/// The type a pointer-like type points at, or null if unknown.
static QualType pointeeOf(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isPointerType())
    return T->getPointeeType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (Spec && compat::isInStlNamespace(Spec) &&
      Spec->getTemplateArgs().size() > 0 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
      (Spec->getName() == "basic_string_view" || Spec->getName() == "span" ||
       Spec->getName() == "reference_wrapper"))
    return Spec->getTemplateArgs()[0].getAsType();
  return QualType();
}

static bool isRelatedClass(QualType A, QualType B) {
  const CXXRecordDecl *RA = A->getAsCXXRecordDecl();
  const CXXRecordDecl *RB = B->getAsCXXRecordDecl();
  if (!RA || !RB || !RA->hasDefinition() || !RB->hasDefinition())
    return false;
  return RA->isDerivedFrom(RB) || RB->isDerivedFrom(RA);
}

static bool containsType(QualType Source, QualType Target, unsigned Depth,
                         llvm::SmallPtrSetImpl<const Type *> &Seen) {
  if (Source.isNull() || Depth > 6)
    return false;
  Source = Source.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  if (Source == Target || Source->isVoidType() ||
      isRelatedClass(Source, Target))
    return true;
  // Pointer members point elsewhere: not into this object.
  if (!Seen.insert(Source.getTypePtr()).second || Source->isPointerType())
    return false;
  if (const auto *AT = dyn_cast<ArrayType>(Source.getTypePtr()))
    return containsType(AT->getElementType(), Target, Depth + 1, Seen);
  const CXXRecordDecl *RD = Source->getAsCXXRecordDecl();
  if (!RD)
    return false;
  auto Contains = [&](QualType Part) {
    return containsType(Part, Target, Depth + 1, Seen);
  };
  if (llvm::any_of(typeArguments(RD), Contains))
    return true;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def || Def->isInvalidDecl() || compat::isInStlNamespace(Def))
    return false;
  return anyMemberType(Def, Contains);
}

bool mayPointInto(QualType Result, QualType Source) {
  // A reference may name a part of the source (std::get<0>(tuple) names the
  // tuple's pointer element), besides what a pointer-like referent points to.
  if (const auto *Ref = Result->getAs<ReferenceType>()) {
    QualType Part =
        Ref->getPointeeType().getCanonicalType().getUnqualifiedType();
    llvm::SmallPtrSet<const Type *, 16> Seen;
    if (containsType(Source.getNonReferenceType(), Part, 0, Seen))
      return true;
  }
  QualType Pointee = pointeeOf(Result);
  if (Pointee.isNull())
    return true;
  Pointee = Pointee.getCanonicalType().getUnqualifiedType();
  if (Pointee->isVoidType() || Pointee->isFunctionType())
    return !Pointee->isFunctionType();
  // A pointer argument is a way to name the object it points to.
  Source = Source.getNonReferenceType();
  if (Source->isPointerType())
    Source = Source->getPointeeType();
  llvm::SmallPtrSet<const Type *, 16> Seen;
  return containsType(Source, Pointee, 0, Seen);
}

static bool isCallableWrapper(const CXXRecordDecl *RD) {
  return isStdRecordNamed(RD, {"function", "move_only_function",
                               "copyable_function", "packaged_task"}) ||
         isBindResult(RD);
}

bool BorrowTypes::mayReferTo(QualType Holder, QualType Referent,
                             unsigned Depth) {
  if (Holder.isNull() || Depth > 6)
    return false;
  Holder = Holder.getCanonicalType();
  if (Holder->isReferenceType() || isPointerLike(Holder))
    return mayPointInto(Holder, Referent);
  if (const auto *AT = dyn_cast<ArrayType>(Holder.getTypePtr()))
    return mayReferTo(AT->getElementType(), Referent, Depth + 1);
  const CXXRecordDecl *RD = Holder->getAsCXXRecordDecl();
  if (!RD || RD->isLambda() || isCallableWrapper(RD) || !mayHoldBorrow(Holder))
    return false;
  // Made from an object of its own type: a copy, member by member.
  if (!Referent.isNull() &&
      Holder.getUnqualifiedType() == Referent.getNonReferenceType()
                                         .getCanonicalType()
                                         .getUnqualifiedType())
    return false;
  // Library templates store values of their template arguments.
  auto ReferTo = [&](QualType Part) {
    return mayReferTo(Part, Referent, Depth + 1);
  };
  if (compat::isInStlNamespace(RD) || compat::isGslOwnerType(Holder))
    return llvm::any_of(typeArguments(RD), ReferTo);
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def || Def->isInvalidDecl())
    return false;
  return anyMemberType(Def, ReferTo);
}

bool storesPointerLike(QualType Holder, unsigned Depth) {
  if (Holder.isNull() || Depth > 6)
    return false;
  Holder = Holder.getCanonicalType();
  if (Holder->isReferenceType() || isPointerLike(Holder))
    return true;
  const CXXRecordDecl *RD = Holder->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (RD->isLambda() || isCallableWrapper(RD))
    return true;
  return compat::isInStlNamespace(RD) &&
         llvm::any_of(typeArguments(RD), [&](QualType A) {
           return storesPointerLike(A, Depth + 1);
         });
}

bool isPointerLike(QualType T) {
  if (T.isNull())
    return false;
  if (T->isReferenceType() || T->isPointerType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return false;
  return compat::isGslPointerType(T) || isIteratorName(RD->getName()) ||
         isStdRecordNamed(RD,
                          {"span", "basic_string_view", "reference_wrapper"});
}

bool isCoroutineTaskType(QualType T) {
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  const CXXRecordDecl *Def = RD ? RD->getDefinition() : nullptr;
  if (!Def || Def->isInvalidDecl())
    return false;
  return llvm::any_of(Def->decls(), [](const Decl *D) {
    const auto *ND = dyn_cast<NamedDecl>(D);
    return ND && isa<TypeDecl>(ND) && ND->getIdentifier() &&
           ND->getName() == "promise_type";
  });
}

bool isTupleOfPointerLikes(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.isNull() ? nullptr : T->getAsCXXRecordDecl());
  if (!Spec || !isStdRecordNamed(Spec, {"pair", "tuple"}))
    return false;
  bool AnyPointerLike = false;
  for (QualType A : typeArguments(Spec)) {
    if (isPointerLike(A))
      AnyPointerLike = true;
    else if (!A->isScalarType() || A->isPointerType())
      return false; // An owner beside the borrow: the tuple owns a copy.
  }
  return AnyPointerLike;
}

StringRef describeBorrow(QualType T) {
  if (T.isNull())
    return "pointer";
  if (T->isReferenceType())
    return "reference";
  if (T->isPointerType())
    return "pointer";
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl()) {
    if (RD->isLambda() ||
        isStdRecordNamed(RD,
                         {"function", "move_only_function", "copyable_function",
                          "function_ref", "packaged_task"}))
      return "lambda";
    if (RD->getIdentifier() && isIteratorName(RD->getName()))
      return "iterator";
    if (compat::isGslPointerType(T) ||
        isStdRecordNamed(RD, {"span", "basic_string_view"}))
      return "view";
    if (const CXXRecordDecl *Def = RD->getDefinition())
      for (const CXXConstructorDecl *Ctor : Def->ctors())
        if (llvm::any_of(Ctor->parameters(), isBorrowingGuardParam))
          return "view";
    // optional<const T *>, a vector or struct of pointers.
    return "value holding a pointer";
  }
  return "pointer";
}

bool returnsUnrelatedPointer(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier() || !FD->isExternC())
    return false;
  static constexpr llvm::StringLiteral Lookups[] = {
      "getenv",   "secure_getenv", "setlocale",  "gettext",
      "dgettext", "strsignal",     "nl_langinfo"};
  return llvm::is_contained(Lookups, FD->getName());
}

bool isThreadSpawningType(QualType T) {
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  return isStdRecordNamed(RD, {"thread", "jthread"});
}

const CXXRecordDecl *threadElementOf(QualType Container) {
  const CXXRecordDecl *RD = Container->getAsCXXRecordDecl();
  if (!RD || !compat::isInStlNamespace(RD))
    return nullptr;
  for (QualType A : typeArguments(RD))
    if (isThreadSpawningType(A))
      return A->getAsCXXRecordDecl();
  return nullptr;
}

bool isStdArray(QualType T) {
  const CXXRecordDecl *RD =
      T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl();
  return isStdRecordNamed(RD, {"array"});
}

QualType smartPointee(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.isNull() ? nullptr : T->getAsCXXRecordDecl());
  if (!isStdRecordNamed(Spec, {"shared_ptr", "unique_ptr", "weak_ptr"}) ||
      Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  return Spec->getTemplateArgs()[0].getAsType();
}

bool isStdFuture(QualType T) {
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  return isStdRecordNamed(RD, {"future"});
}

bool isThreadSpawningFunction(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier() || !compat::isInStlNamespace(FD))
    return false;
  return FD->getName() == "async";
}

bool isInsertIterator(QualType T) {
  const CXXRecordDecl *RD =
      T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl();
  return isStdRecordNamed(
      RD, {"back_insert_iterator", "front_insert_iterator", "insert_iterator"});
}

bool isContainerInsertion(const CXXMethodDecl *MD) {
  if (!MD || !MD->getIdentifier())
    return false;
  static constexpr llvm::StringLiteral Inserters[] = {
      "push_back",     "emplace_back", "push_front",
      "emplace_front", "push",         "emplace",
      "emplace_hint",  "insert",       "insert_or_assign",
      "try_emplace",   "assign",       "insert_after",
      "emplace_after", "append",       "push_range",
      "insert_range"};
  return llvm::is_contained(Inserters, MD->getName());
}

} // namespace rcubox::borrow
