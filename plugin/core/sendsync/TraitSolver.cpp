//===- TraitSolver.cpp - Rust's Send and Sync auto traits for C++ ---------===//

#include "core/sendsync/TraitSolver.h"
#include "core/Annotations.h"
#include "core/TypeArguments.h"
#include "core/sendsync/LibraryTraits.h"
#include "core/sendsync/LockedMembers.h"
#include "core/sendsync/TemplateSubstitution.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace rcubox::sendsync {

StringRef traitName(Trait X) { return X == Trait::Send ? "Send" : "Sync"; }

static Reason because(ReasonKind K) {
  Reason R;
  R.Kind = K;
  return R;
}

Verdict TraitSolver::evaluate(QualType T, Trait X) {
  Verdict V = solve(T, X).V;
  // A top-level query has no enclosing assumption left to wait for.
  Provisional.clear();
  return V;
}

bool TraitSolver::isSyncPrimitive(QualType T) {
  // An array is mutated element by element.
  const CXXRecordDecl *RD =
      Ctx.getBaseElementType(T.getNonReferenceType())->getAsCXXRecordDecl();
  if (!RD)
    return false; // `mutable int`: Rust's Cell.
  RD = RD->getCanonicalDecl();
  // A class cannot hold itself by value; the entry also ends any cycle
  // through an invalid declaration.
  if (auto It = SyncPrimitives.find(RD); It != SyncPrimitives.end())
    return It->second;
  SyncPrimitives[RD] = false;
  bool Result = isSyncPrimitiveRecord(RD);
  SyncPrimitives[RD] = Result;
  return Result;
}

bool TraitSolver::isSyncPrimitiveRecord(const CXXRecordDecl *RD) {
  if (hasRcuAnnotation(RD, marker::NotSync))
    return false;
  if (hasRcuAnnotation(RD, marker::Sync))
    return true;
  if (const LibraryType *L = findLibraryType(RD)) {
    switch (L->Mutation) {
    case SharedMutation::Unsynchronised:
      return false;
    case SharedMutation::Synchronised:
      return true;
    case SharedMutation::AsElements:
      return llvm::all_of(typeArguments(RD),
                          [&](QualType A) { return isSyncPrimitive(A); });
    }
  }
  // A class made only of synchronisation primitives (and of constants,
  // which nothing mutates) is one: every mutation goes through them.
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def || Def->isInvalidDecl() || Def->isUnion() || Def->isLambda())
    return false;
  for (const CXXBaseSpecifier &B : Def->bases())
    if (!isSyncPrimitive(B.getType()))
      return false;
  for (const FieldDecl *F : Def->fields()) {
    QualType FT = F->getType();
    bool Constant = FT.isConstQualified() && !F->isMutable() &&
                    !FT->isReferenceType() && !FT->isPointerType();
    if (!Constant && !isSyncPrimitive(FT))
      return false;
  }
  return true;
}

TraitSolver::Result TraitSolver::solve(QualType T, Trait X) {
  if (T.isNull())
    return {Verdict{}, NoAssumption};
  QualType Canon = Ctx.getCanonicalType(T).getUnqualifiedType();
  Key K{Canon.getAsOpaquePtr(), unsigned(X)};
  if (auto It = Cache.find(K); It != Cache.end())
    return {It->second, NoAssumption};
  // Co-induction, as rustc does for auto traits: a type being proved is
  // assumed to hold, so `struct Node { std::unique_ptr<Node> next; }` ends.
  if (auto It = InProgress.find(K); It != InProgress.end())
    return {Verdict{}, It->second};
  if (Stack.size() >= MaxDepth) {
    Verdict V;
    V.Holds = false;
    V.Why = because(ReasonKind::TooDeep);
    return {V, NoAssumption};
  }

  unsigned Me = Stack.size();
  size_t Mark = Provisional.size();
  Stack.push_back(K);
  InProgress[K] = Me;
  Result R = solveUncached(T, X);
  Stack.pop_back();
  InProgress.erase(K);

  if (!R.V.Holds) {
    // Assumptions only ever make types hold, so a failure is final; what
    // held on the assumption that this type holds is now unknown.
    Provisional.truncate(Mark);
    Cache[K] = R.V;
    return {R.V, NoAssumption};
  }
  if (R.Lowest < Me) {
    Provisional.push_back({K, R.V});
    return R;
  }
  Cache[K] = R.V;
  for (size_t I = Mark; I < Provisional.size(); ++I)
    Cache[Provisional[I].first] = Provisional[I].second;
  Provisional.truncate(Mark);
  return {R.V, NoAssumption};
}

bool TraitSolver::blame(Result &Into, QualType Sub, Trait SubX, Reason Why) {
  Result S = solve(Sub, SubX);
  Into.Lowest = std::min(Into.Lowest, S.Lowest);
  if (S.V.Holds)
    return true;
  Why.Sub = Sub;
  Why.SubTrait = SubX;
  Into.V.Holds = false;
  Into.V.Why = Why;
  return false;
}

/// What a reference or borrow to \p Pointee needs for the borrow to have
/// trait \p X: `const T&` is Send and Sync iff T is Sync (Rust's &T), and
/// `T&` has a trait iff T has it (Rust's &mut T).
static Trait referentTrait(QualType Pointee, Trait X) {
  return Pointee.isConstQualified() ? Trait::Sync : X;
}

TraitSolver::Result TraitSolver::solveUncached(QualType T, Trait X) {
  Result R{Verdict{}, NoAssumption};
  QualType Canon = Ctx.getCanonicalType(T);
  if (Canon->isFunctionPointerType() || Canon->isFunctionType())
    return R;
  if (Canon->isPointerType())
    return solvePointer(Canon->getPointeeType(), X);
  if (Canon->isAnyPointerType() || Canon->isMemberPointerType() ||
      Canon->isBlockPointerType()) {
    R.V.Holds = false;
    R.V.Why = because(ReasonKind::RawPointer);
    return R;
  }
  // Other dependent types are judged once instantiated.
  if (Canon->isDependentType())
    return R;
  if (const auto *Ref = T->getAs<ReferenceType>()) {
    QualType Pointee = Ref->getPointeeType();
    blame(R, Pointee, referentTrait(Pointee, X), because(ReasonKind::Referent));
    return R;
  }
  if (const ArrayType *AT = Ctx.getAsArrayType(T)) {
    blame(R, AT->getElementType(), X, because(ReasonKind::Element));
    return R;
  }
  if (const CXXRecordDecl *RD = Canon->getAsCXXRecordDecl())
    return solveRecord(RD, X);
  // Arithmetic types, enums, bool, nullptr_t, vectors: plain values.
  return R;
}

/// A pointer to a complete object type is judged by what it lets its holders
/// do, not by Rust's blanket `*const T: !Send + !Sync` (C++ uses pointers for
/// every non-owning link, and Rust's rule would condemn them all):
/// `const T *` is `&T`, Send and Sync iff T is Sync (and Send, should it own
/// T and destroy it on another thread); `T *` lets every holder change T, so
/// it also needs T to synchronise its own mutation (atomics, mutexes, structs
/// of them). Anything else, `void *`, an incomplete pointee or one in a
/// template judged without being instantiated, is a raw pointer.
TraitSolver::Result TraitSolver::solvePointer(QualType Pointee, Trait X) {
  Result R{Verdict{}, NoAssumption};
  auto Raw = [&] {
    R.V.Holds = false;
    R.V.Why = because(ReasonKind::RawPointer);
    return R;
  };
  if (Pointee->isVoidType() || Pointee->isDependentType() ||
      Pointee->isIncompleteType() || Pointee->isFunctionType())
    return Raw();
  if (!Pointee.isConstQualified() && !isSyncPrimitive(Pointee))
    return Raw();
  if (blame(R, Pointee, Trait::Sync, because(ReasonKind::Referent)) &&
      X == Trait::Send)
    blame(R, Pointee, Trait::Send, because(ReasonKind::Referent));
  return R;
}

TraitSolver::Result TraitSolver::solveRecord(const CXXRecordDecl *RD, Trait X) {
  Result R{Verdict{}, NoAssumption};
  // Explicit annotations win over inference, both ways.
  bool IsSend = X == Trait::Send;
  if (const AnnotateAttr *A =
          findRcuAnnotation(RD, IsSend ? marker::NotSend : marker::NotSync)) {
    R.V.Holds = false;
    R.V.Why = because(ReasonKind::Annotated);
    R.V.Why.Attr = A;
    return R;
  }
  if (hasRcuAnnotation(RD, IsSend ? marker::Send : marker::Sync))
    return R;
  if (hasRcuAnnotation(RD, marker::Guard)) {
    // Like the kernel's rcu::Guard (NotThreadSafe): neither Send nor Sync.
    R.V.Holds = false;
    R.V.Why = because(ReasonKind::ThreadBound);
    R.V.Why.Why = "is an RCU read-side guard, bound to the thread that "
                  "entered the critical section";
    return R;
  }
  // An RCU container owns its value and shares it with readers: like the
  // kernel's RcuBox<T>, it is Send and Sync iff T is Send and Sync.
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
    auto Reqs = getTemplateRequirements(RD);
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    for (const TemplateRequirement &Req : Reqs) {
      if (Req.ParamIndex >= Args.size() ||
          Args[Req.ParamIndex].getKind() != TemplateArgument::Type)
        continue;
      QualType Arg = Args[Req.ParamIndex].getAsType();
      if (!blame(R, Arg, Trait::Send, because(ReasonKind::TypeArg)) ||
          !blame(R, Arg, Trait::Sync, because(ReasonKind::TypeArg)))
        return R;
    }
    if (!Reqs.empty())
      return R;
  }
  if (const LibraryType *L = findLibraryType(RD))
    return solveLibrary(RD, *L, X);
  return solveStructural(RD, X);
}

TraitSolver::Result TraitSolver::solveLibrary(const CXXRecordDecl *RD,
                                              const LibraryType &L, Trait X) {
  Result R{Verdict{}, NoAssumption};
  auto Fail = [&](ReasonKind K) {
    R.V.Holds = false;
    R.V.Why = because(K);
    R.V.Why.Why = L.Why;
    return R;
  };
  llvm::SmallVector<QualType, 4> Args = typeArguments(RD);
  if (L.OwnsPointee && !Args.empty() && Args[0]->isVoidType())
    return Fail(ReasonKind::TypeErased);
  switch (L.Rule) {
  case LibraryRule::Always:
    return R;
  case LibraryRule::ThreadBound:
    return X == Trait::Send ? Fail(ReasonKind::ThreadBound) : R;
  case LibraryRule::TypeErased:
    return Fail(ReasonKind::TypeErased);
  case LibraryRule::Elements:
    for (QualType Arg : Args)
      if (!blame(R, Arg, X, because(ReasonKind::TypeArg)))
        break;
    return R;
  case LibraryRule::Shared:
    if (!Args.empty() &&
        blame(R, Args[0], Trait::Send, because(ReasonKind::TypeArg)))
      blame(R, Args[0], Trait::Sync, because(ReasonKind::TypeArg));
    return R;
  case LibraryRule::Borrow:
    if (!Args.empty())
      blame(R, Args[0], referentTrait(Args[0], X),
            because(ReasonKind::Referent));
    return R;
  case LibraryRule::SharedBorrow:
    if (!Args.empty())
      blame(R, Args[0], Trait::Sync, because(ReasonKind::Referent));
    return R;
  }
  return R;
}

TraitSolver::Result TraitSolver::solveStructural(const CXXRecordDecl *RD,
                                                 Trait X) {
  Result R{Verdict{}, NoAssumption};
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def) {
    // A specialization named only in declarations (`RcuBox<Wrap<int *>> *`)
    // is judged by its template's definition.
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
      const ClassTemplateDecl *Template = Spec->getSpecializedTemplate();
      if (Template->getTemplatedDecl()->hasDefinition())
        return solveUninstantiated(Spec, X);
      // A member template of a specialization gets its definition only when
      // one of its own specializations is instantiated; its members depend
      // on the enclosing arguments too, so it is not judged.
      for (const ClassTemplateDecl *From =
               Template->getInstantiatedFromMemberTemplate();
           From; From = From->getInstantiatedFromMemberTemplate())
        if (From->getTemplatedDecl()->hasDefinition())
          return R;
    }
    // Nothing proves an incomplete type safe; the user can vouch for it.
    R.V.Holds = false;
    R.V.Why = because(ReasonKind::Incomplete);
    return R;
  }
  if (Def->isInvalidDecl())
    return R;
  return solveParts(Def, X, [](QualType T) { return T; });
}

TraitSolver::Result
TraitSolver::solveParts(const CXXRecordDecl *Def, Trait X,
                        llvm::function_ref<QualType(QualType)> Substitute) {
  Result R{Verdict{}, NoAssumption};
  // Polymorphic classes are judged by their static type's members: the
  // check cannot see derived classes (see the documentation).
  for (const CXXBaseSpecifier &B : Def->bases()) {
    QualType BT = Substitute(B.getType());
    Reason Why = because(ReasonKind::Base);
    Why.Base = &B;
    if (!BT.isNull() && !blame(R, BT, X, Why))
      return R;
  }
  for (const FieldDecl *F : Def->fields()) {
    QualType FT = Substitute(F->getType());
    if (FT.isNull())
      continue;
    if (X == Trait::Sync && F->isMutable() && !isSyncPrimitive(FT) &&
        !isLockedByOwnMutex(F)) {
      // Rust's Cell: mutation through a shared reference, unsynchronised.
      R.V.Holds = false;
      R.V.Why = because(ReasonKind::MutableField);
      R.V.Why.Field = F;
      R.V.Why.Sub = FT;
      return R;
    }
    Reason Why = because(ReasonKind::Field);
    Why.Field = F;
    if (!blame(R, FT, X, Why))
      return R;
  }
  return R;
}

TraitSolver::Result
TraitSolver::solveUninstantiated(const ClassTemplateSpecializationDecl *Spec,
                                 Trait X) {
  Result R{Verdict{}, NoAssumption};
  // An explicit specialization declared without a definition has no parts
  // to judge; nor has one a partial specialization may match, because
  // choosing it takes template argument deduction, which needs Sema.
  ClassTemplateDecl *Template = Spec->getSpecializedTemplate();
  llvm::SmallVector<ClassTemplatePartialSpecializationDecl *, 2> Partials;
  Template->getPartialSpecializations(Partials);
  const CXXRecordDecl *Pattern = Template->getTemplatedDecl()->getDefinition();
  if (Spec->getSpecializationKind() == TSK_ExplicitSpecialization ||
      !Partials.empty() || !Pattern || Pattern->isInvalidDecl())
    return R;
  TemplateSubstitution Subst(Ctx, Spec);
  return solveParts(Pattern, X, [&](QualType T) { return Subst(T); });
}

} // namespace rcubox::sendsync
