//===- TemplateSubstitution.h - Member types for given args ----*- C++ -*-===//
//
// A specialization that a translation unit only names in declarations
// (`rcu::RcuBox<Wrap<int *>> *p;`) is never instantiated, so it has no
// members to judge. Instantiating it would need Sema, which not every front
// end has once parsing is over (clang-tidy has none), and could emit errors
// into the user's build. So the check rebuilds the types of the template's
// members with the specialization's arguments itself, for the forms that
// need nothing but the ASTContext: a parameter, pointers, references and
// arrays of it, and specializations of other templates that already exist.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SENDSYNC_TEMPLATESUBSTITUTION_H
#define RCUBOX_CORE_SENDSYNC_TEMPLATESUBSTITUTION_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include <optional>

namespace rcubox::sendsync {

class TemplateSubstitution {
public:
  TemplateSubstitution(clang::ASTContext &Ctx,
                       const clang::ClassTemplateSpecializationDecl *Spec);

  /// \p T, written in the template's definition, with the specialization's
  /// arguments for the template's parameters; a pointer whose pointee cannot
  /// be rebuilt stays as written (it is a raw pointer either way); null if
  /// rebuilding \p T needs Sema.
  clang::QualType operator()(clang::QualType T) const;

private:
  clang::QualType substitute(clang::QualType T, unsigned Budget) const;
  std::optional<llvm::APInt> bound(const clang::ArrayType *Array) const;
  clang::QualType specialization(const clang::TemplateSpecializationType *TST,
                                 unsigned Budget) const;

  clang::ASTContext &Ctx;
  const clang::ClassTemplateSpecializationDecl *Spec;
  const clang::CXXRecordDecl *Pattern; // canonical
  llvm::ArrayRef<clang::TemplateArgument> Args;
  unsigned Depth;
};

} // namespace rcubox::sendsync

#endif // RCUBOX_CORE_SENDSYNC_TEMPLATESUBSTITUTION_H
