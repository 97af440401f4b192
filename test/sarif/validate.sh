#!/usr/bin/env bash
# Validates a SARIF log the way GitHub code scanning ingests it, with
# Microsoft's SARIF Multitool (install-multitool.sh). Fails if
#   1. the Multitool cannot load the log (`rewrite`): `validate` alone would
#      skip such a log and report nothing;
#   2. the log breaks the SARIF 2.1.0 JSON schema the Multitool ships (checked
#      with Python's jsonschema, which the Multitool 5.7.0 does not do in
#      practice: a result level "bogus" or a startLine 0 passes it);
#   3. `validate --rule-kind "Gh;Sarif"` (GitHub's ingestion rules and the
#      SARIF spec's) reports any error or warning. Notes are advice: printed,
#      not failed on.
#
#   test/sarif/validate.sh <file.sarif> [<Sarif.Multitool>]
#
# Without the second argument: $SARIF_MULTITOOL, or else install-multitool.sh
# into ${XDG_CACHE_HOME:-~/.cache}/rcubox. Needs node (it comes with npm) and,
# for step 2, python3 with jsonschema (Debian: python3-jsonschema).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 <file.sarif> [<Sarif.Multitool>]" >&2
  exit 2
fi
sarif=$1
[[ -f $sarif ]] || {
  echo "validate.sh: no such file: $sarif" >&2
  exit 2
}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tool=${2:-${SARIF_MULTITOOL:-}}
if [[ -z $tool ]]; then
  tool=$("$here/install-multitool.sh" "${XDG_CACHE_HOME:-$HOME/.cache}/rcubox")
fi
fail() {
  echo "validate.sh: $sarif: $*" >&2
  exit 1
}

# .NET needs libicu unless told to run without culture data, which changes
# nothing the validator does.
# (A subshell: bash would report the abort.)
if ! ("$tool" --version && :) >/dev/null 2>&1; then
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Under a plain name, so that no path looks like an option.
cp "$sarif" "$work/input.sarif"

# 1. The log loads.
if ! "$tool" rewrite --output "$work/rewritten.sarif" "$work/input.sarif" \
  >"$work/rewrite.txt" 2>&1; then
  grep -m5 -iE "exception|error" "$work/rewrite.txt" >&2 || true
  fail "Sarif.Multitool cannot load it as SARIF 2.1.0"
fi

# 2. The JSON schema.
schema=$(dirname "$tool")/sarif-2.1.0.json
if python3 -c "import jsonschema" 2>/dev/null; then
  python3 - "$schema" "$work/input.sarif" <<'EOF' || fail "it breaks the SARIF 2.1.0 schema"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
validator = jsonschema.validators.validator_for(schema)(schema)
errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
for e in errors:
    path = "/".join(str(p) for p in e.absolute_path)
    print(f"error schema: {path}: {e.message}", file=sys.stderr)
sys.exit(1 if errors else 0)
EOF
else
  echo "note: schema validation skipped: python3 has no jsonschema (Debian: apt-get install python3-jsonschema)"
fi

# 3. The rules. The Multitool exits 0 whatever it finds: read its own log of
# the findings. A list option (--level, --kind, ...) swallows a file name
# after it, so --output comes last.
status=0
"$tool" validate --rule-kind "Gh;Sarif" --level "Error;Warning;Note" \
  --kind Fail --output "$work/report.sarif" \
  "$work/input.sarif" >"$work/validate.txt" 2>&1 || status=$?
if [[ $status -ne 0 || ! -s $work/report.sarif ]]; then
  cat "$work/validate.txt" >&2
  fail "Sarif.Multitool validate failed (exit $status)"
fi

# One line per finding, "<level> <rule>: <message>", notes last.
summary=$(node - "$work/report.sarif" <<'EOF'
const log = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const lines = [];
let failures = 0;
for (const run of log.runs || []) {
  const rules = run.tool.driver.rules || [];
  for (const r of run.results || []) {
    const rule = r.ruleId || (rules[r.ruleIndex] || {}).id || '?';
    const level = r.level || 'warning';
    let text = r.message.text;
    if (text === undefined) {
      // A template of the rule's messageStrings.
      const rd = rules.find((d) => d.id === rule) || {};
      text = ((rd.messageStrings || {})[r.message.id] || {}).text || r.message.id;
      (r.message.arguments || []).forEach((a, i) => {
        text = text.split(`{${i}}`).join(a);
      });
    }
    if (level === 'error' || level === 'warning') failures++;
    lines.push({ note: level === 'note', line: `${level} ${rule}: ${text}` });
  }
}
lines.sort((a, b) => a.note - b.note);
for (const l of lines) console.log(l.line);
console.log(`@failures ${failures}`);
EOF
)
failures=$(sed -n 's/^@failures //p' <<<"$summary")
sed '/^@failures /d' <<<"$summary"
if [[ $failures -ne 0 ]]; then
  fail "$failures error(s) or warning(s) from Sarif.Multitool validate --rule-kind \"Gh;Sarif\""
fi
echo "validate.sh: $sarif: valid; no errors or warnings under the Gh;Sarif rules"
