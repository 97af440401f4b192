//===- SectionCFG.h - The CFG the read-section analyses walk ----*- C++ -*-===//
#ifndef RCUBOX_CORE_SECTIONCFG_H
#define RCUBOX_CORE_SECTIONCFG_H

#include "clang/Analysis/CFG.h"

namespace rcubox {

/// CFG options for analyses that follow guards: every place a guard (or an
/// object whose destructor matters) ends must be an element — implicit and
/// temporary destructors, lifetime ends, constructor initialisers.
inline clang::CFG::BuildOptions sectionCFGOptions() {
  clang::CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddLifetime = true;
  Options.AddTemporaryDtors = true;
  Options.AddInitializers = true;
  Options.AddCXXDefaultInitExprInCtors = true;
  Options.setAllAlwaysAdd();
  return Options;
}

} // namespace rcubox

#endif // RCUBOX_CORE_SECTIONCFG_H
