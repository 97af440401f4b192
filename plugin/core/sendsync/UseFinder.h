//===- UseFinder.h - Where a Send/Sync requirement applies ------*- C++ -*-===//
//
// Finds the places that name a specialization of a class template declaring
// RCU_REQUIRES_SEND(N)/RCU_REQUIRES_SEND_SYNC(N) (found by annotation, never
// by name), and the places that move one to another thread. Dependent uses
// are found through the instantiations user code requests, with the chain of
// instantiations that led there.
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_SENDSYNC_USEFINDER_H
#define RCUBOX_CORE_SENDSYNC_USEFINDER_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace rcubox::sendsync {

/// "in instantiation of <What> requested here", at Loc.
struct InstantiationStep {
  clang::SourceLocation Loc;
  std::string What;
};

struct Use {
  /// Named in a declaration or expression; moved to another thread; or
  /// shared with one by reference (a lambda's by-reference capture).
  enum KindTy { Named, HandOff, SharedWithThread } Kind = Named;
  /// Where to report: the user-written place, or the outermost step.
  clang::SourceLocation Loc;
  clang::SourceRange Range;
  /// Inside an instantiation: where the template names the specialization.
  clang::SourceLocation NamedAt;
  /// The specialization's type as written (e.g. through an alias template).
  clang::QualType Type;
  const clang::ClassTemplateSpecializationDecl *Spec = nullptr;
  llvm::SmallVector<InstantiationStep, 2> Chain;
  /// A hand-off of an object that holds the specialization: how, outermost
  /// first ("'Holder' holds it in field 'box'").
  llvm::SmallVector<InstantiationStep, 2> Within;
};

/// Calls \p Sink for every use in the translation unit outside system
/// headers, each distinct place once.
void findUses(clang::ASTContext &Ctx,
              llvm::function_ref<void(const Use &)> Sink);

} // namespace rcubox::sendsync

#endif // RCUBOX_CORE_SENDSYNC_USEFINDER_H
