#!/usr/bin/env bash
# Dependency audit: what ships, and what the npm registry knows about the dashboard's dependencies.
#
#   1. Prints the Maven runtime dependencies (what goes into target/ticket-triage.jar), one per line.
#   2. Runs `npm audit --omit=dev` in frontend/ (the dependencies bundled into the dashboard).
#
# Exit status:
#   0  no critical vulnerability reported in the dashboard's production dependencies, or the npm audit
#      endpoint could not be reached (then the output says, in capitals, that the dashboard was NOT audited)
#   1  npm audit reports at least one critical vulnerability in a production dependency
#   2  the Maven dependency list could not be produced
#
# The Maven list is not checked against any vulnerability database here: compare it with the table in
# SECURITY.md ("Dependency audit") and with current advisories. See SECURITY.md for how the review is done.
#
# Environment:
#   JAVA_HOME   a JDK to run Maven with (any version Maven runs on; listing dependencies compiles nothing)
#   MVN         Maven command (default: mvn)
#   NPM         npm command (default: npm)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MVN="${MVN:-mvn}"
NPM="${NPM:-npm}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== Maven runtime dependencies (shipped in the jar)"
if ! (cd "$ROOT" && "$MVN" -B -q dependency:list -DincludeScope=runtime -Dfrontend.skip=true \
        -DoutputFile="$work/maven-runtime.txt" >"$work/maven.log" 2>&1); then
    cat "$work/maven.log" >&2
    echo "ERROR: mvn dependency:list failed; no dependency list produced." >&2
    exit 2
fi
# "group:artifact:jar:version:scope -- module ..." -> "group:artifact:version (scope)"
grep -E '^ +[^ ]+:[^ ]+:' "$work/maven-runtime.txt" \
    | sed -E 's/^ +//; s/ -- .*$//' \
    | awk -F: '{ printf "%s:%s:%s (%s)\n", $1, $2, $(NF-1), $NF }' \
    | sort
echo "($(grep -cE '^ +[^ ]+:[^ ]+:' "$work/maven-runtime.txt") artifacts)"
echo

echo "== npm audit --omit=dev (dashboard production dependencies)"
set +e
(cd "$ROOT/frontend" && "$NPM" audit --omit=dev --json) >"$work/npm-audit.json" 2>"$work/npm-audit.err"
npm_status=$?
set -e

# npm exits non-zero both when it finds vulnerabilities and when the endpoint fails; the JSON tells which.
node - "$work/npm-audit.json" "$npm_status" <<'EOF'
const fs = require("fs");
const [file, npmStatus] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (e) {
  report = null;
}
const counts = report && report.metadata && report.metadata.vulnerabilities;
if (!counts) {
  const why = (report && (report.message || (report.error && report.error.summary))) || `npm exited with ${npmStatus} and no report`;
  console.log("NOT AUDITED: the npm registry's audit endpoint could not be reached or gave no report.");
  console.log(`  reason: ${why}`);
  console.log("  The dashboard's production dependencies were not checked. Run this script again from a machine");
  console.log("  whose npm registry serves the audit endpoint (POST /-/npm/v1/security/advisories/bulk).");
  process.exit(0);
}
for (const [name, v] of Object.entries(report.vulnerabilities || {})) {
  const titles = (v.via || []).filter((x) => typeof x === "object").map((x) => `${x.title} (${x.url})`);
  const through = (v.via || []).filter((x) => typeof x === "string");
  console.log(`${v.severity.padEnd(8)} ${name} ${v.range}` +
    (titles.length ? `\n         ${titles.join("\n         ")}` : "") +
    (through.length ? `\n         through ${through.join(", ")}` : "") +
    (v.fixAvailable ? "\n         fix available" : ""));
}
const deps = report.metadata.dependencies || {};
console.log(`critical ${counts.critical}, high ${counts.high}, moderate ${counts.moderate}, low ${counts.low}, ` +
  `info ${counts.info} (${counts.total} in total; ${deps.prod ?? "?"} production dependencies audited)`);
if (counts.critical > 0) {
  console.log("FAILED: critical vulnerability in a production dependency of the dashboard (see `npm audit --omit=dev`).");
  process.exit(1);
}
EOF
