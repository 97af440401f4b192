//===- TypeArguments.cpp - Type arguments of a specialization -------------===//

#include "core/TypeArguments.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace rcubox {

llvm::SmallVector<QualType, 4> typeArguments(const CXXRecordDecl *RD) {
  llvm::SmallVector<QualType, 4> Types;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (!Spec)
    return Types;
  auto Add = [&](const TemplateArgument &A) {
    if (A.getKind() == TemplateArgument::Type)
      Types.push_back(A.getAsType());
  };
  for (const TemplateArgument &A : Spec->getTemplateArgs().asArray()) {
    if (A.getKind() == TemplateArgument::Pack)
      for (const TemplateArgument &P : A.pack_elements())
        Add(P);
    else
      Add(A);
  }
  return Types;
}

} // namespace rcubox
