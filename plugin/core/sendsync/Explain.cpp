//===- Explain.cpp - Why a type is not Send or Sync, as notes -------------===//

#include "core/sendsync/Explain.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace rcubox::sendsync {

Explainer::Explainer(ASTContext &Ctx, TraitSolver &Solver)
    : Ctx(Ctx), Solver(Solver), Policy(Ctx.getPrintingPolicy()) {
  Policy.SuppressTagKeyword = true;
}

std::string Explainer::quote(QualType T) const {
  return "'" + T.getAsString(Policy) + "'";
}

/// "field 'hop'", "captured variable 'box'" or "an anonymous member".
static std::string describeField(const FieldDecl *F) {
  if (!F->getName().empty())
    return "field '" + F->getName().str() + "'";
  const auto *Closure = dyn_cast<CXXRecordDecl>(F->getParent());
  if (Closure && Closure->isLambda()) {
    llvm::DenseMap<const ValueDecl *, FieldDecl *> Captures;
    FieldDecl *This = nullptr;
    Closure->getCaptureFields(Captures, This);
    for (const auto &[Var, Field] : Captures)
      if (Field == F && Var)
        return "captured variable '" + Var->getName().str() + "'";
    return "a lambda capture";
  }
  return "an anonymous member";
}

std::string Explainer::describePart(const Reason &W) const {
  switch (W.Kind) {
  case ReasonKind::Field:
    return describeField(W.Field) + " of type";
  case ReasonKind::Base:
    return "base class";
  case ReasonKind::Element:
    return "its element type";
  case ReasonKind::TypeArg:
    return "its template argument";
  case ReasonKind::Referent:
    return "the referenced type";
  default:
    return "";
  }
}

static constexpr unsigned MaxShownSteps = 12;

/// " through which 'int' can be changed without synchronisation" when the
/// raw pointer \p T fails for letting its holders mutate a complete pointee
/// (see TraitSolver::solvePointer); empty for `void *` and the like.
std::string Explainer::unsynchronisedPointee(QualType T) const {
  const auto *P = T->getAs<PointerType>();
  if (!P)
    return "";
  QualType Pointee = P->getPointeeType();
  if (Pointee.isConstQualified() || Pointee->isVoidType() ||
      Pointee->isDependentType() || Pointee->isIncompleteType() ||
      Pointee->isFunctionType())
    return "";
  return " through which " + quote(Pointee) +
         " can be changed without synchronisation";
}

void Explainer::explain(QualType T, Trait X, SourceLocation At,
                        SmallVectorImpl<Note> &Notes) {
  // Bounded like the solver: each step descends one part.
  for (unsigned Step = 0; Step <= TraitSolver::MaxDepth; ++Step) {
    Verdict V = Solver.evaluate(T, X);
    if (V.Holds)
      return;
    const Reason &W = V.Why;
    std::string Subject = quote(T);
    std::string IsNot = Subject + " is not " + traitName(X).str();
    // Machine-generated nesting would bury the warning in notes.
    if (Step == MaxShownSteps) {
      Notes.push_back({At, IsNot + " for a reason nested too deeply to show"});
      return;
    }
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    switch (W.Kind) {
    case ReasonKind::None:
      return;
    case ReasonKind::RawPointer:
      if (std::string Detail = unsynchronisedPointee(T); !Detail.empty())
        Notes.push_back({At, Subject + " is a raw pointer" + Detail +
                                 ", so it is neither Send nor Sync"});
      else
        Notes.push_back(
            {At,
             Subject + " is a raw pointer, which is neither Send nor Sync"});
      return;
    case ReasonKind::Annotated:
      Notes.push_back(
          {W.Attr->getLocation(),
           Subject + " is marked RCU_NOT_" + traitName(X).upper() + " here",
           W.Attr->getRange()});
      return;
    case ReasonKind::ThreadBound:
    case ReasonKind::TypeErased:
      Notes.push_back({At, Subject + " " + W.Why.str()});
      return;
    case ReasonKind::Incomplete:
      Notes.push_back({RD ? RD->getLocation() : At,
                       Subject + " is incomplete here, so it is assumed to be "
                                 "neither Send nor Sync"});
      return;
    case ReasonKind::TooDeep:
      Notes.push_back({At, Subject + " nests more than " +
                               std::to_string(TraitSolver::MaxDepth) +
                               " types deep, so it is assumed to be neither "
                               "Send nor Sync"});
      return;
    case ReasonKind::MutableField:
      Notes.push_back({W.Field->getLocation(),
                       IsNot + " because 'mutable " +
                           W.Sub.getAsString(Policy) + " " +
                           W.Field->getName().str() +
                           "' allows unsynchronised mutation through a shared "
                           "reference",
                       W.Field->getSourceRange()});
      return;
    case ReasonKind::Field:
    case ReasonKind::Base:
    case ReasonKind::Element:
    case ReasonKind::TypeArg:
    case ReasonKind::Referent:
      break;
    }
    SourceLocation Loc = At;
    SourceRange Range;
    if (W.Field) {
      Loc = W.Field->getLocation();
      Range = W.Field->getSourceRange();
    } else if (W.Base) {
      Loc = W.Base->getBeginLoc();
      Range = W.Base->getSourceRange();
    }
    std::string Part = describePart(W) + " " + quote(W.Sub);
    // A raw pointer has nothing further to explain: say it in one note.
    if (Solver.evaluate(W.Sub, W.SubTrait).Why.Kind == ReasonKind::RawPointer) {
      std::string Because =
          (W.Field ? describeField(W.Field) + " has raw pointer type " +
                         quote(W.Sub)
                   : Part + " is a raw pointer") +
          (unsynchronisedPointee(W.Sub).empty()
               ? ""
               : "," + unsynchronisedPointee(W.Sub));
      Notes.push_back({Loc, IsNot + " because " + Because, Range});
      return;
    }
    Notes.push_back(
        {Loc,
         IsNot + " because " + Part + " is not " + traitName(W.SubTrait).str(),
         Range});
    T = W.Sub;
    X = W.SubTrait;
    At = Loc;
  }
}

const void *Explainer::rootCause(QualType T, Trait X) {
  for (unsigned Step = 0; Step <= TraitSolver::MaxDepth; ++Step) {
    Verdict V = Solver.evaluate(T, X);
    if (V.Holds)
      return nullptr;
    if (V.Why.isTerminal()) {
      if (V.Why.Attr)
        return V.Why.Attr;
      if (V.Why.Field)
        return V.Why.Field;
      return Ctx.getCanonicalType(T).getAsOpaquePtr();
    }
    T = V.Why.Sub;
    X = V.Why.SubTrait;
  }
  return nullptr;
}

void Explainer::explainAll(QualType T, ArrayRef<Trait> Failed,
                           SourceLocation At, SmallVectorImpl<Note> &Notes) {
  const void *Shown = nullptr;
  for (Trait X : Failed) {
    const void *Root = rootCause(T, X);
    if (Shown && Root == Shown) {
      Notes.push_back({At, quote(T) + " is not " + traitName(X).str() +
                               " for the same reason"});
      continue;
    }
    explain(T, X, At, Notes);
    Shown = Root;
  }
  vouch(T, Failed, At, Notes);
}

const CXXRecordDecl *Explainer::userRecord(QualType T) const {
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  const SourceManager &SM = Ctx.getSourceManager();
  if (RD && !RD->isLambda() && RD->getLocation().isValid() &&
      !SM.isInSystemHeader(SM.getExpansionLoc(RD->getLocation())))
    return RD;
  return nullptr;
}

std::pair<QualType, Trait> Explainer::userCause(QualType T, Trait X) {
  for (unsigned Step = 0; Step <= TraitSolver::MaxDepth; ++Step) {
    if (userRecord(T))
      return {T, X};
    Verdict V = Solver.evaluate(T, X);
    if (V.Holds || V.Why.isTerminal())
      break;
    T = V.Why.Sub;
    X = V.Why.SubTrait;
  }
  return {QualType(), X};
}

void Explainer::vouch(QualType T, ArrayRef<Trait> Failed, SourceLocation At,
                      SmallVectorImpl<Note> &Notes) {
  // A library type or a pointer cannot be marked: suggest the user's class
  // that the failure goes through (`std::map<int, Route>` -> 'Route'), if
  // every failing trait goes through the same one.
  llvm::SmallVector<Trait, 2> Needed(Failed.begin(), Failed.end());
  if (!userRecord(T)) {
    QualType Common;
    llvm::SmallVector<Trait, 2> Traits;
    for (Trait X : Failed) {
      auto [Cause, CauseTrait] = userCause(T, X);
      if (Cause.isNull() ||
          (!Common.isNull() &&
           Ctx.getCanonicalType(Cause) != Ctx.getCanonicalType(Common))) {
        Common = QualType();
        break;
      }
      Common = Cause;
      if (!llvm::is_contained(Traits, CauseTrait))
        Traits.push_back(CauseTrait);
    }
    if (!Common.isNull()) {
      T = Common;
      Needed = Traits;
    }
  }
  // Overriding the user's own negative annotation is not a fix to suggest.
  bool Send = false, Sync = false;
  for (Trait X : Needed)
    if (Solver.evaluate(T, X).Why.Kind != ReasonKind::Annotated)
      (X == Trait::Send ? Send : Sync) = true;
  if (!Send && !Sync)
    return;
  std::string Marker = Send && Sync ? "RCU_SEND and RCU_SYNC"
                       : Send       ? "RCU_SEND"
                                    : "RCU_SYNC";
  std::string Claim = Send && Sync ? "may be sent to and shared between threads"
                      : Send       ? "may be sent to another thread"
                                   : "may be shared between threads";
  std::string Checked = "once you have checked that " + quote(T) + " " + Claim;
  if (const CXXRecordDecl *RD = userRecord(T)) {
    Notes.push_back({RD->getLocation(),
                     Checked + ", mark it " + Marker + " to vouch for it"});
    return;
  }
  Notes.push_back({At, Checked + ", wrap it in a class marked " + Marker +
                           " to vouch for it"});
}

} // namespace rcubox::sendsync
