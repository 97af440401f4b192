//===- GuardDescription.h - How rcu-guard-misuse names guards ---*- C++ -*-===//
//
// The words and notes every rule of rcu-guard-misuse uses for a guard: "guard
// 'g'", "'s', which holds a guard,", and the notes that show why a user's
// class counts as a guard (the member or base that holds one).
//
//===----------------------------------------------------------------------===//
#ifndef RCUBOX_CORE_GUARD_GUARDDESCRIPTION_H
#define RCUBOX_CORE_GUARD_GUARDDESCRIPTION_H

#include "core/Annotations.h"
#include "core/Reporter.h"
#include "clang/AST/ASTContext.h"
#include <string>

namespace rcubox::guard {

/// The type as the user reads it ("rcu::Guard", "std::optional<Section>").
std::string typeName(clang::QualType T, const clang::ASTContext &Ctx);

/// "guard 'g'" for a guard, "'s', which holds a guard," for a wrapper.
std::string describeObject(const clang::NamedDecl *D, const GuardHolding &H);

/// "a guard of type 'rcu::Guard'" or "an object of type 'Section', which
/// holds a guard,".
std::string describeType(clang::QualType T, const GuardHolding &H,
                         const clang::ASTContext &Ctx);

/// Notes naming each member or base through which a class holds its guard
/// ("'Section' holds a guard in member 'guard_'"), outside system headers.
void addHoldingNotes(Finding &F, const GuardHolding &H,
                     const clang::ASTContext &Ctx);

/// A note at the RCU_GUARD_TYPE marker of the guard class.
void addGuardTypeNote(Finding &F, const GuardHolding &H,
                      const clang::ASTContext &Ctx);

} // namespace rcubox::guard

#endif // RCUBOX_CORE_GUARD_GUARDDESCRIPTION_H
