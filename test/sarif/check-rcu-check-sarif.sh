#!/usr/bin/env bash
# ctest sarif-validate: runs `rcu-check --format=sarif` over some lit cases
# and validates the log as GitHub code scanning would (validate.sh).
#
#   check-rcu-check-sarif.sh <rcu-check> <tools-dir> <out-dir> <source-root> \
#       <file>... -- <compiler-arg>...
#
# Besides the files given, the first one is also checked from a copy in
# "<tmp>/outside root/", a path outside <source-root> with a space: an
# absolute, percent-encoded file: URI.
set -euo pipefail

if [[ $# -lt 6 ]]; then
  echo "usage: $0 <rcu-check> <tools-dir> <out-dir> <source-root> <file>... -- <compiler-arg>..." >&2
  exit 2
fi
rcu_check=$1 tools=$2 out=$3 root=$4
shift 4
files=()
while [[ $# -gt 0 && $1 != -- ]]; do
  files+=("$1")
  shift
done
[[ $# -gt 0 ]] && shift # --
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if ! multitool=$("$here/install-multitool.sh" "$tools"); then
  echo "sarif-validate: FAILED: could not install Microsoft's SARIF Multitool from npm" >&2
  echo "sarif-validate: it needs npm and access to the npm registry (see the message above)" >&2
  exit 1
fi

# The build directory may sit inside the source root: use a temporary one.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/outside root"
outside="$scratch/outside root/$(basename "${files[0]}")"
cp "${files[0]}" "$outside"
log=$out/rcu-check.sarif
status=0
"$rcu_check" --quiet --format=sarif --sarif-root="$root" -o "$log" \
  "${files[@]}" "$outside" -- "$@" || status=$?
# 1: there were findings, as there should be.
if [[ $status -ne 1 ]]; then
  echo "sarif-validate: rcu-check exited $status, expected 1 (findings)" >&2
  exit 1
fi

"$here/validate.sh" "$log" "$multitool"

# What the log must hold beyond validity: every check as a rule, results of
# both checks, relative and absolute URIs, code flows and fixes.
node - "$log" "$outside" <<'EOF'
const [logPath, outside] = process.argv.slice(2);
const run = JSON.parse(require('fs').readFileSync(logPath, 'utf8')).runs[0];
const problems = [];
const expect = (ok, what) => { if (!ok) problems.push(what); };
const rules = run.tool.driver.rules.map((r) => r.id);
for (const id of ['rcu-borrow-escape', 'rcu-send-sync']) {
  expect(rules.includes(id), `rule ${id}`);
  expect(run.results.some((r) => r.ruleId === id), `a result of ${id}`);
}
const uris = run.results.map((r) => r.locations[0].physicalLocation.artifactLocation);
expect(uris.some((u) => u.uriBaseId === '%SRCROOT%' && !u.uri.startsWith('/')),
       'a URI relative to %SRCROOT%');
// Every byte but RFC 3986's unreserved characters and '/', as rcu-check does.
const outsideUri = 'file://' + [...Buffer.from(outside)].map((b) => {
  const c = String.fromCharCode(b);
  return /[A-Za-z0-9\-._~\/]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
}).join('');
expect(uris.some((u) => u.uri === outsideUri && !u.uriBaseId),
       `the absolute URI ${outsideUri}`);
expect(run.results.some((r) => r.codeFlows && r.relatedLocations), 'a code flow');
expect(run.results.some((r) => r.fixes), 'a fix');
expect(run.results.every((r) => r.partialFingerprints['rcuboxFingerprint/v1']),
       'a fingerprint on every result');
if (problems.length) {
  console.error('sarif-validate: the log lacks: ' + problems.join('; '));
  process.exit(1);
}
console.log(`sarif-validate: ${run.results.length} results, all as expected`);
EOF
