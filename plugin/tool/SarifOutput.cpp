//===- SarifOutput.cpp - Findings as SARIF 2.1.0 for code scanning --------===//
//
// One SARIF log, one run of rcu-check, as GitHub code scanning reads it and
// as the SARIF Multitool's "Gh;Sarif" validation rules accept it without an
// error or a warning (test/sarif/validate.sh):
//
//  - Every check of Checks.def is a rule, whether or not it fired, in
//    Checks.def order; a finding of a check that is not there (none today)
//    adds a rule after them.
//  - A file under OutputOptions::SourceRoot is a URI relative to %SRCROOT%,
//    which originalUriBaseIds resolves (invocations[0].workingDirectory too,
//    where GitHub looks for the checkout path). Any other file is an absolute
//    file: URI. Symbolic links are resolved first: GitHub cannot show a result
//    in a file it knows under another name.
//  - Clang's columns count bytes; SARIF's count UTF-16 code units
//    (columnKind). Each file is read to convert them, which changes nothing on
//    an ASCII line. Regions are half-open as in Finding.h: endColumn is the
//    column after the last character. A region is the highlighted range when
//    it holds the caret and begins on its line, else the caret's token.
//  - The notes are relatedLocations and, again, the steps of one thread flow:
//    the notes in the order the check emitted them, then the result's own
//    location last. (Source order would put a use before its borrow when
//    both are on one line.)
//  - Messages are sentences that end with a period, as the SARIF spec asks
//    (the Multitool's SARIF2001); GitHub titles an alert with the first.
//  - partialFingerprints["rcuboxFingerprint/v1"] hashes the rule, the
//    file, the message and the text of the result's line (trimmed), not its
//    number, so a result keeps it when lines are inserted above it; ":<n>"
//    tells apart identical results in one file. GitHub itself reads only
//    primaryLocationLineHash, which github/codeql-action/upload-sarif computes
//    from the checkout.
//  - Fix-its are fixes: the finding's own as one fix, and each note's as one
//    more alternative, described by the note. A fix with an edit without a
//    place, or with overlapping edits, is left out.
//  - A finding without a location (none today) is placed on line 1 of its
//    translation unit, as GitHub places alerts about a whole file.
//
//===----------------------------------------------------------------------===//

#include "core/CheckRegistry.h"
#include "tool/Outputs.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <optional>

namespace rcubox::tool {
namespace {

using llvm::json::Array;
using llvm::json::Object;

constexpr llvm::StringLiteral SchemaUri =
    "https://json.schemastore.org/sarif-2.1.0.json";
constexpr llvm::StringLiteral SrcRoot = "%SRCROOT%";
constexpr llvm::StringLiteral FingerprintKey = "rcuboxFingerprint/v1";
constexpr llvm::StringLiteral DefaultInformationUri =
    "https://github.com/rcubox/rcubox";

/// Percent-encodes all but RFC 3986's unreserved characters and '/'.
std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C)) {
      Out += C;
      continue;
    }
    Out += '%';
    Out += llvm::hexdigit(C >> 4);
    Out += llvm::hexdigit(C & 15);
  }
  return Out;
}

/// "file:///abs/path" for an absolute POSIX path.
std::string fileUri(llvm::StringRef AbsolutePath) {
  return "file://" + percentEncode(AbsolutePath);
}

/// \p Text, valid UTF-8 as JSON needs: a message quotes source code, which
/// may be in another encoding.
std::string utf8(llvm::StringRef Text) {
  return llvm::json::isUTF8(Text) ? Text.str() : llvm::json::fixUTF8(Text);
}

/// \p Text as a sentence: trimmed, with a final period if it has no final
/// punctuation.
std::string sentence(llvm::StringRef Text) {
  Text = Text.trim();
  if (Text.empty() || Text.ends_with(".") || Text.ends_with("!") ||
      Text.ends_with("?"))
    return utf8(Text);
  return utf8(Text) + ".";
}

/// "rcu-borrow-escape" -> "RcuBorrowEscape".
std::string camelCase(llvm::StringRef Id) {
  std::string Out;
  bool Upper = true;
  for (char C : Id) {
    if (!llvm::isAlnum(C)) {
      Upper = true;
      continue;
    }
    Out += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Out;
}

/// How GitHub ranks and files a check's results. CWE-416: use after free
/// (a borrow used after its grace period may have passed); CWE-362: a race
/// (a value shared with, or destroyed on, another thread).
Object ruleProperties(llvm::StringRef Check) {
  if (Check == "rcu-borrow-escape")
    return Object{{"tags", Array{"security", "correctness", "concurrency",
                                 "external/cwe/cwe-416"}},
                  {"precision", "high"},
                  {"problem.severity", "warning"},
                  {"security-severity", "8.1"}};
  if (Check == "rcu-send-sync")
    return Object{{"tags", Array{"security", "correctness", "concurrency",
                                 "external/cwe/cwe-362"}},
                  {"precision", "high"},
                  {"problem.severity", "warning"},
                  {"security-severity", "7.0"}};
  return Object{{"tags", Array{"correctness"}},
                {"precision", "medium"},
                {"problem.severity", "warning"}};
}

/// The project page: DocsUrl up to "/blob/" or "/tree/" (GitHub's page of a
/// file), or DocsUrl itself.
std::string informationUri(llvm::StringRef DocsUrl) {
  if (DocsUrl.empty())
    return DefaultInformationUri.str();
  for (llvm::StringRef Marker : {"/blob/", "/tree/"}) {
    size_t At = DocsUrl.find(Marker);
    if (At != llvm::StringRef::npos)
      return DocsUrl.take_front(At).str();
  }
  return DocsUrl.str();
}

/// The source files the findings point into, read once, for the text of a
/// line (fingerprints, column conversion).
class SourceFiles {
public:
  /// Line \p Line (1-based) of \p File without its line break, or nullopt if
  /// the file cannot be read or is shorter.
  std::optional<llvm::StringRef> line(llvm::StringRef File, unsigned Line) {
    auto [It, Inserted] = Files.try_emplace(File);
    Entry &E = It->second;
    if (Inserted)
      load(File, E);
    if (!E.Buffer || Line == 0 || Line > E.LineStarts.size())
      return std::nullopt;
    llvm::StringRef Text = E.Buffer->getBuffer();
    size_t Begin = E.LineStarts[Line - 1];
    size_t End = Line < E.LineStarts.size() ? E.LineStarts[Line] : Text.size();
    llvm::StringRef L = Text.slice(Begin, End);
    L.consume_back("\n");
    L.consume_back("\r");
    return L;
  }

private:
  struct Entry {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<size_t> LineStarts;
  };

  static void load(llvm::StringRef File, Entry &E) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return;
    E.Buffer = std::move(*Buffer);
    llvm::StringRef Text = E.Buffer->getBuffer();
    E.LineStarts.push_back(0);
    for (size_t I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n' && I + 1 < Text.size())
        E.LineStarts.push_back(I + 1);
  }

  llvm::StringMap<Entry> Files;
};

/// The UTF-16 column of the byte column \p ByteColumn of \p Line; bytes past
/// the end of the line count one each.
unsigned utf16Column(std::optional<llvm::StringRef> Line, unsigned ByteColumn) {
  if (!Line || ByteColumn <= 1)
    return std::max(ByteColumn, 1u);
  size_t Bytes = ByteColumn - 1;
  llvm::StringRef Prefix = Line->take_front(Bytes);
  unsigned Units = 0;
  for (unsigned char C : Prefix) {
    if ((C & 0xC0) == 0x80)
      continue; // A continuation byte.
    Units += C >= 0xF0 ? 2 : 1;
  }
  return Units + (Bytes - Prefix.size()) + 1;
}

/// The region of a location: the highlighted range if it holds the caret
/// and begins on its line (the line GitHub shows the alert on and the
/// fingerprint reads), else the caret's token.
const SourceSpan &shown(const SourceSpan &Where, const SourceSpan &Range) {
  auto Before = [](const SourcePoint &A, const SourcePoint &B) {
    return A.Line < B.Line || (A.Line == B.Line && A.Column <= B.Column);
  };
  if (Range.valid() && Range.File == Where.File && Range.End.Line != 0 &&
      Range.Begin.Line == Where.Begin.Line &&
      Before(Range.Begin, Where.Begin) && Before(Where.End, Range.End))
    return Range;
  return Where;
}

class SarifWriter {
public:
  explicit SarifWriter(const OutputOptions &Opts) : Opts(Opts) {
    if (!Opts.SourceRoot.empty())
      Root = canonical(Opts.SourceRoot);
  }

  llvm::json::Value log(llvm::ArrayRef<StoredFinding> Findings);

private:
  /// An absolute path with symbolic links, "." and ".." resolved (only the
  /// latter two if it does not exist).
  std::string canonical(llvm::StringRef Path);
  /// The path relative to the source root, or nullopt if outside.
  std::optional<std::string> relative(llvm::StringRef CanonicalPath) const;

  Object artifactLocation(llvm::StringRef File);
  Object region(const SourceSpan &S, bool AllowEmpty);
  Object physicalLocation(const SourceSpan &Where, const SourceSpan &Range) {
    const SourceSpan &S = shown(Where, Range);
    return Object{{"artifactLocation", artifactLocation(S.File)},
                  {"region", region(S, /*AllowEmpty=*/false)}};
  }
  std::optional<Object> fix(llvm::ArrayRef<FixEdit> Edits,
                            llvm::StringRef Description);
  std::string fingerprint(const StoredFinding &F);
  Object result(const StoredFinding &F, unsigned RuleIndex);
  Object rule(const CheckInfo &C);

  const OutputOptions &Opts;
  std::string Root; ///< Canonical SourceRoot, or empty.
  llvm::StringMap<std::string> Canonical;
  SourceFiles Sources;
  llvm::StringMap<unsigned> FingerprintCounts;
};

std::string SarifWriter::canonical(llvm::StringRef Path) {
  auto [It, Inserted] = Canonical.try_emplace(Path);
  if (!Inserted)
    return It->second;
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real)) {
    Real = Path;
    llvm::sys::fs::make_absolute(Real);
    llvm::sys::path::remove_dots(Real, /*remove_dot_dot=*/true);
  }
  It->second = Real.str().str();
  return It->second;
}

std::optional<std::string>
SarifWriter::relative(llvm::StringRef CanonicalPath) const {
  if (Root.empty())
    return std::nullopt;
  llvm::StringRef Rest = CanonicalPath;
  if (!Rest.consume_front(Root))
    return std::nullopt;
  if (!llvm::StringRef(Root).ends_with("/") && !Rest.consume_front("/"))
    return std::nullopt;
  if (Rest.empty())
    return std::nullopt;
  return Rest.str();
}

Object SarifWriter::artifactLocation(llvm::StringRef File) {
  std::string Path = canonical(File);
  if (std::optional<std::string> Rel = relative(Path))
    return Object{{"uri", percentEncode(*Rel)}, {"uriBaseId", SrcRoot}};
  return Object{{"uri", fileUri(Path)}};
}

Object SarifWriter::region(const SourceSpan &S, bool AllowEmpty) {
  unsigned BeginLine = S.Begin.Line;
  unsigned BeginColumn = std::max(S.Begin.Column, 1u);
  unsigned EndLine = S.End.Line;
  unsigned EndColumn = S.End.Column;
  bool Ordered =
      EndLine > BeginLine || (EndLine == BeginLine && EndColumn >= BeginColumn);
  bool Empty = EndLine == BeginLine && EndColumn == BeginColumn;
  if (EndLine == 0 || EndColumn == 0 || !Ordered || (Empty && !AllowEmpty)) {
    // No usable end: the character at the beginning.
    EndLine = BeginLine;
    EndColumn = BeginColumn + 1;
  }
  std::optional<llvm::StringRef> First = Sources.line(S.File, BeginLine);
  std::optional<llvm::StringRef> Last =
      EndLine == BeginLine ? First : Sources.line(S.File, EndLine);
  return Object{{"startLine", BeginLine},
                {"startColumn", utf16Column(First, BeginColumn)},
                {"endLine", EndLine},
                {"endColumn", utf16Column(Last, EndColumn)}};
}

/// One fix applying all of \p Edits, or nullopt if some edit has no place
/// or two overlap.
std::optional<Object> SarifWriter::fix(llvm::ArrayRef<FixEdit> Edits,
                                       llvm::StringRef Description) {
  if (Edits.empty())
    return std::nullopt;
  for (const FixEdit &E : Edits)
    if (!E.Where.valid() || E.Where.End.Line == 0 ||
        E.Where.End.Offset < E.Where.Begin.Offset)
      return std::nullopt;
  for (size_t I = 0; I < Edits.size(); ++I)
    for (size_t J = I + 1; J < Edits.size(); ++J) {
      const SourceSpan &A = Edits[I].Where, &B = Edits[J].Where;
      if (A.File == B.File && A.Begin.Offset < B.End.Offset &&
          B.Begin.Offset < A.End.Offset)
        return std::nullopt;
    }

  // One artifactChange per file, in the order the files first appear.
  std::vector<std::string> Files;
  std::vector<Array> Replacements;
  for (const FixEdit &E : Edits) {
    auto It = llvm::find(Files, E.Where.File);
    if (It == Files.end()) {
      Files.push_back(E.Where.File);
      Replacements.emplace_back();
      It = Files.end() - 1;
    }
    Object Replacement{{"deletedRegion", region(E.Where, /*AllowEmpty=*/true)}};
    if (!E.Replacement.empty())
      Replacement["insertedContent"] = Object{{"text", utf8(E.Replacement)}};
    Replacements[It - Files.begin()].push_back(std::move(Replacement));
  }
  Array Changes;
  for (size_t I = 0; I < Files.size(); ++I)
    Changes.push_back(Object{{"artifactLocation", artifactLocation(Files[I])},
                             {"replacements", std::move(Replacements[I])}});
  return Object{{"description", Object{{"text", sentence(Description)}}},
                {"artifactChanges", std::move(Changes)}};
}

std::string SarifWriter::fingerprint(const StoredFinding &F) {
  std::string Path = canonical(F.Where.File);
  std::string Key = F.Check;
  Key += '\0';
  Key += relative(Path).value_or(Path);
  Key += '\0';
  Key += F.Message;
  Key += '\0';
  if (std::optional<llvm::StringRef> Line =
          Sources.line(F.Where.File, F.Where.Begin.Line))
    Key += Line->trim();
  std::string Hash;
  llvm::raw_string_ostream(Hash)
      << llvm::format_hex_no_prefix(llvm::xxh3_64bits(Key), 16);
  return Hash + ":" + std::to_string(++FingerprintCounts[Hash]);
}

Object SarifWriter::result(const StoredFinding &F, unsigned RuleIndex) {
  std::string Message = sentence(F.Message);
  Array Related;
  Array Steps;
  for (const StoredNote &N : F.Notes) {
    if (!N.Where.valid()) {
      // Nowhere to show it: the message carries it.
      Message += " " + sentence(N.Message);
      continue;
    }
    Object Text{{"text", sentence(N.Message)}};
    Related.push_back(
        Object{{"id", Related.size() + 1},
               {"message", Object(Text)},
               {"physicalLocation", physicalLocation(N.Where, N.Range)}});
    Steps.push_back(Object{
        {"location",
         Object{{"message", std::move(Text)},
                {"physicalLocation", physicalLocation(N.Where, N.Range)}}},
        {"nestingLevel", 0},
        {"executionOrder", Steps.size() + 1}});
  }

  Object R{{"ruleId", F.Check},
           {"ruleIndex", RuleIndex},
           {"level", F.IsError ? "error" : "warning"},
           {"message", Object{{"text", Message}}},
           {"locations", Array{Object{{"physicalLocation",
                                       physicalLocation(F.Where, F.Range)}}}},
           {"partialFingerprints", Object{{FingerprintKey, fingerprint(F)}}}};
  if (!Steps.empty()) {
    Steps.push_back(Object{
        {"location",
         Object{{"message", Object{{"text", sentence(F.Message)}}},
                {"physicalLocation", physicalLocation(F.Where, F.Range)}}},
        {"nestingLevel", 0},
        {"executionOrder", Steps.size() + 1}});
    R["relatedLocations"] = std::move(Related);
    R["codeFlows"] = Array{Object{
        {"threadFlows", Array{Object{{"locations", std::move(Steps)}}}}}};
  }

  Array Fixes;
  if (std::optional<Object> Fix =
          fix(F.Fixes, "Apply the fix-it of " + F.Check))
    Fixes.push_back(std::move(*Fix));
  for (const StoredNote &N : F.Notes)
    if (std::optional<Object> Fix = fix(N.Fixes, N.Message))
      Fixes.push_back(std::move(*Fix));
  if (!Fixes.empty())
    R["fixes"] = std::move(Fixes);
  return R;
}

Object SarifWriter::rule(const CheckInfo &C) {
  std::string Summary = sentence(C.Summary);
  std::string Description = sentence(C.Description);
  std::string Text = Summary + "\n\n" + Description;
  std::string Markdown = "**" + Summary + "**\n\n" + Description;
  Object R{{"id", C.Name},
           {"name", camelCase(C.Name)},
           {"shortDescription", Object{{"text", Summary}}},
           {"fullDescription", Object{{"text", Description}}},
           {"defaultConfiguration", Object{{"level", "warning"}}},
           {"properties", ruleProperties(C.Name)}};
  if (!Opts.DocsUrl.empty()) {
    std::string HelpUri = Opts.DocsUrl + "/" + C.Name.str() + ".md";
    Text += "\n\nDocumentation: " + HelpUri;
    Markdown += "\n\nSee [" + C.Name.str() + "](" + HelpUri +
                ") for examples and how to fix a finding.";
    R["helpUri"] = HelpUri;
  }
  R["help"] = Object{{"text", Text}, {"markdown", Markdown}};
  return R;
}

llvm::json::Value SarifWriter::log(llvm::ArrayRef<StoredFinding> Findings) {
  // The rules: every check, then any other name a finding carries.
  std::vector<CheckInfo> Checks(allChecks().begin(), allChecks().end());
  llvm::StringMap<unsigned> RuleIndex;
  for (const CheckInfo &C : Checks)
    RuleIndex.try_emplace(C.Name, RuleIndex.size());
  for (const StoredFinding &F : Findings)
    if (RuleIndex.try_emplace(F.Check, RuleIndex.size()).second)
      Checks.push_back(CheckInfo{
          RuleIndex.find(F.Check)->first(), "A finding of rcu-check",
          "rcu-check reported this finding; its check has no description"});
  Array Rules;
  for (const CheckInfo &C : Checks)
    Rules.push_back(rule(C));

  Array Results;
  for (const StoredFinding &F : Findings) {
    if (F.Where.valid() || F.MainFile.empty()) {
      if (F.Where.valid())
        Results.push_back(result(F, RuleIndex.lookup(F.Check)));
      continue;
    }
    // GitHub needs a line: a finding without one is about its translation
    // unit, as GitHub places file-level alerts on line 1.
    StoredFinding AtFile = F;
    AtFile.Where = SourceSpan{F.MainFile, {1, 1, 0}, {1, 2, 1}};
    AtFile.Range = SourceSpan();
    Results.push_back(result(AtFile, RuleIndex.lookup(F.Check)));
  }

  Object Driver{{"name", "rcu-check"},
                {"informationUri", informationUri(Opts.DocsUrl)},
                {"rules", std::move(Rules)}};
  if (!Opts.ToolVersion.empty()) {
    Driver["version"] = Opts.ToolVersion;
    Driver["semanticVersion"] = Opts.ToolVersion;
  }
  Object Invocation{{"executionSuccessful", true}};
  Object Run{{"tool", Object{{"driver", std::move(Driver)}}},
             {"columnKind", "utf16CodeUnits"},
             {"results", std::move(Results)}};
  if (!Root.empty()) {
    std::string RootUri = fileUri(Root);
    if (!llvm::StringRef(RootUri).ends_with("/"))
      RootUri += "/";
    Run["originalUriBaseIds"] = Object{{SrcRoot, Object{{"uri", RootUri}}}};
    Invocation["workingDirectory"] = Object{{"uri", RootUri}};
  }
  Run["invocations"] = Array{std::move(Invocation)};
  return Object{{"$schema", SchemaUri},
                {"version", "2.1.0"},
                {"runs", Array{std::move(Run)}}};
}

} // namespace

void writeSarif(llvm::raw_ostream &OS, llvm::ArrayRef<StoredFinding> Findings,
                const OutputOptions &Opts) {
  OS << llvm::formatv("{0:2}", SarifWriter(Opts).log(Findings)) << "\n";
}

} // namespace rcubox::tool
