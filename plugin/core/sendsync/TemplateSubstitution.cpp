//===- TemplateSubstitution.cpp - A template's types for given args -------===//

#include "core/sendsync/TemplateSubstitution.h"
#include "core/Compat.h"
#include <optional>

using namespace clang;

namespace rcubox::sendsync {

/// Types nested deeper than this are not rebuilt.
static constexpr unsigned MaxNesting = 16;

TemplateSubstitution::TemplateSubstitution(
    ASTContext &Ctx, const ClassTemplateSpecializationDecl *Spec)
    : Ctx(Ctx), Spec(Spec), Pattern(Spec->getSpecializedTemplate()
                                        ->getTemplatedDecl()
                                        ->getCanonicalDecl()),
      Args(Spec->getTemplateArgs().asArray()),
      Depth(
          Spec->getSpecializedTemplate()->getTemplateParameters()->getDepth()) {
}

QualType TemplateSubstitution::operator()(QualType T) const {
  return substitute(T, MaxNesting);
}

QualType TemplateSubstitution::substitute(QualType T, unsigned Budget) const {
  if (T.isNull() || !T->isDependentType())
    return T;
  if (Budget == 0)
    return {};
  SplitQualType Split = Ctx.getCanonicalType(T).split();
  const Type *Ty = Split.Ty;
  QualType Result;
  if (const auto *Param = dyn_cast<TemplateTypeParmType>(Ty)) {
    if (Param->getDepth() != Depth || Param->isParameterPack() ||
        Param->getIndex() >= Args.size() ||
        Args[Param->getIndex()].getKind() != TemplateArgument::Type)
      return {};
    Result = Args[Param->getIndex()].getAsType();
  } else if (const auto *Ptr = dyn_cast<PointerType>(Ty)) {
    QualType Pointee = substitute(Ptr->getPointeeType(), Budget - 1);
    if (Pointee.isNull())
      return T;
    Result = Ctx.getPointerType(Pointee);
  } else if (isa<MemberPointerType>(Ty)) {
    return T;
  } else if (const auto *Ref = dyn_cast<ReferenceType>(Ty)) {
    QualType Referent = substitute(Ref->getPointeeType(), Budget - 1);
    if (Referent.isNull())
      return {};
    Result = isa<LValueReferenceType>(Ref)
                 ? Ctx.getLValueReferenceType(Referent)
                 : Ctx.getRValueReferenceType(Referent);
  } else if (const auto *Array = dyn_cast<ArrayType>(Ty)) {
    // An array has its element's traits, whatever its bound.
    QualType Element = substitute(Array->getElementType(), Budget - 1);
    if (Element.isNull())
      return {};
    std::optional<llvm::APInt> Bound = bound(Array);
    Result =
        Bound ? Ctx.getConstantArrayType(Element, *Bound, nullptr,
                                         ArraySizeModifier::Normal,
                                         /*IndexTypeQuals=*/0)
              : Ctx.getIncompleteArrayType(Element, ArraySizeModifier::Normal,
                                           /*IndexTypeQuals=*/0);
  } else if (const auto *TST = dyn_cast<TemplateSpecializationType>(Ty)) {
    Result = specialization(TST, Budget);
  } else if (const CXXRecordDecl *RD = Ty->getAsCXXRecordDecl();
             RD && RD->getCanonicalDecl() == Pattern) {
    // The template's own name inside its definition (`Chain *next;`).
    Result = compat::getCanonicalTagType(Ctx, Spec);
  }
  if (Result.isNull())
    return {};
  return Ctx.getQualifiedType(Result, Split.Quals);
}

/// The bound of \p Array with the arguments substituted, if it is a constant
/// or names a non-type parameter (`T slots[N]`); shown in the notes only.
std::optional<llvm::APInt>
TemplateSubstitution::bound(const ArrayType *Array) const {
  if (const auto *Constant = dyn_cast<ConstantArrayType>(Array))
    return Constant->getSize();
  const auto *Sized = dyn_cast<DependentSizedArrayType>(Array);
  const auto *Ref = Sized ? dyn_cast_or_null<DeclRefExpr>(
                                Sized->getSizeExpr()->IgnoreImpCasts())
                          : nullptr;
  const auto *Param =
      Ref ? dyn_cast<NonTypeTemplateParmDecl>(Ref->getDecl()) : nullptr;
  if (!Param || Param->getDepth() != Depth || Param->isParameterPack() ||
      Param->getIndex() >= Args.size() ||
      Args[Param->getIndex()].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  const llvm::APSInt &Value = Args[Param->getIndex()].getAsIntegral();
  if (Value.isNegative())
    return std::nullopt;
  return Value.zextOrTrunc(Ctx.getTypeSize(Ctx.getSizeType()));
}

/// Only a specialization that already exists can be named: creating one is
/// Sema's work (default arguments, conversions, deduction).
QualType
TemplateSubstitution::specialization(const TemplateSpecializationType *TST,
                                     unsigned Budget) const {
  auto *Template = dyn_cast_or_null<ClassTemplateDecl>(
      TST->getTemplateName().getAsTemplateDecl());
  if (!Template)
    return {};
  llvm::SmallVector<TemplateArgument, 4> NewArgs;
  for (const TemplateArgument &A : TST->template_arguments()) {
    if (A.getKind() == TemplateArgument::Type) {
      QualType Sub = substitute(A.getAsType(), Budget - 1);
      if (Sub.isNull() || Sub->isDependentType())
        return {};
      NewArgs.push_back(TemplateArgument(Ctx.getCanonicalType(Sub)));
      continue;
    }
    if (A.isDependent())
      return {};
    NewArgs.push_back(Ctx.getCanonicalTemplateArgument(A));
  }
  void *InsertPos = nullptr;
  const ClassTemplateSpecializationDecl *Found =
      Template->findSpecialization(NewArgs, InsertPos);
  if (!Found)
    return {};
  return compat::getCanonicalTagType(Ctx, Found);
}

} // namespace rcubox::sendsync
