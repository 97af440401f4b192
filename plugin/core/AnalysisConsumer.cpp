//===- AnalysisConsumer.cpp - Runs the checks over one TU -----------------===//

#include "core/AnalysisConsumer.h"
#include "core/CheckRegistry.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/IdentifierTable.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace rcubox {

/// True if the lexer met identifier \p Name in this translation unit or in
/// a PCH or module it loaded (whose identifiers are read lazily).
static bool spellsIdentifier(IdentifierTable &Idents, llvm::StringRef Name) {
  if (Idents.find(Name) != Idents.end())
    return true;
  IdentifierInfoLookup *External = Idents.getExternalIdentifierLookup();
  return External && External->get(Name);
}

/// Cheap pre-filter for a whole translation unit: false if it cannot declare
/// any of rcubox's markers. Every check but those that also know liburcu
/// (below) starts from one (a guard type, a
/// borrowing parameter, a function that waits for a grace period, a template
/// that requires Send: all [[clang::annotate("rcu::...")]], see
/// Annotations.h), and an annotate attribute can only be written with the
/// identifier `annotate` (or `__annotate__`), which the lexer then records.
/// Without it, the match over the whole AST and the checks' own passes have
/// nothing to find, yet cost a few percent of a large unit's compile time
/// (every libstdc++ and LLVM header: thousands of function bodies).
static bool mayDeclareRcuMarkers(ASTContext &Ctx) {
  return spellsIdentifier(Ctx.Idents, "annotate") ||
         spellsIdentifier(Ctx.Idents, "__annotate__");
}

/// Cheap pre-filter for liburcu users (model/RcuApi.h): the checks that
/// follow liburcu's sections and waits need no marker, only liburcu's
/// functions. Every liburcu header that declares them spells one of these
/// (each flavour's header includes urcu/pointer.h, which defines
/// rcu_dereference); a project's own function of the same name only costs
/// the time of looking.
static bool mayUseLiburcu(ASTContext &Ctx) {
  static constexpr llvm::StringLiteral Names[] = {
      "rcu_dereference", "rcu_read_lock", "synchronize_rcu", "call_rcu",
      "cds_lfht_lookup"};
  return llvm::any_of(Names, [&](llvm::StringRef Name) {
    return spellsIdentifier(Ctx.Idents, Name);
  });
}

/// True if the unit spells one of \p Identifiers (the unqualified names of
/// configured guard types or functions, model/UserModel.h): a unit that
/// does not cannot use them.
static bool spellsAny(ASTContext &Ctx,
                      const std::vector<llvm::StringRef> &Identifiers) {
  return llvm::any_of(Identifiers, [&](llvm::StringRef Name) {
    return spellsIdentifier(Ctx.Idents, Name);
  });
}

/// The checks that know liburcu through the model layer; the others start
/// from rcubox's markers only and have nothing to find without them.
static bool judgesLiburcu(const Check &C) {
  return C.name() == "rcu-unbalanced-section" ||
         C.name() == "rcu-sync-in-read-section" ||
         C.name() == "rcu-borrow-escape";
}

AnalysisConsumer::AnalysisConsumer(const Config &C, Reporter &R)
    : Options(C.Options), Model(C.Model),
      Checks(createChecks(C.Checks, R, Options)) {
  for (auto &Check : Checks) {
    Check->registerMatchers(Finder);
    if (judgesLiburcu(*Check)) {
      Check->registerMatchers(LiburcuFinder);
      LiburcuChecks.push_back(Check.get());
    }
  }
}

AnalysisConsumer::~AnalysisConsumer() = default;

void AnalysisConsumer::HandleTranslationUnit(ASTContext &Ctx) {
  // Code that failed to compile has no reliable meaning to analyse; the
  // compiler's own errors are what the user needs to see first.
  if (Ctx.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  // rcu-send-sync's audit lists every class, markers or not. A configured
  // guard type is a marker every check starts from; configured functions
  // are liburcu's kind of vocabulary (model/RcuApi.h).
  bool AllChecks = mayDeclareRcuMarkers(Ctx) ||
                   !Options.lookup("rcu-send-sync.Audit").empty() ||
                   spellsAny(Ctx, Model.guardTypeIdentifiers());
  if (!AllChecks && LiburcuChecks.empty())
    return;
  if (!AllChecks && !mayUseLiburcu(Ctx) &&
      !spellsAny(Ctx, Model.functionIdentifiers()))
    return;
  std::optional<model::UserModelScope> Bound;
  if (!Model.empty())
    Bound.emplace(Ctx, Model);
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] {
        if (AllChecks) {
          Finder.matchAST(Ctx);
          for (auto &Check : Checks)
            Check->finishTranslationUnit(Ctx);
          return;
        }
        // Only liburcu: the marker-only checks would walk every class and
        // function of the unit (its system headers too) to find nothing.
        LiburcuFinder.matchAST(Ctx);
        for (Check *Check : LiburcuChecks)
          Check->finishTranslationUnit(Ctx);
      })) {
    Crashed = true;
    llvm::errs() << "rcubox: internal error; the rest of this translation "
                    "unit was not analysed (please report this)\n";
  }
}

} // namespace rcubox
