#!/usr/bin/env bash
# The one test command (README, .ci/run): types, lint+format, then every vitest suite.
# Ends with the plain line "N passed, N failed" that CI reads.
set -u
cd "$(dirname "$0")/.."
export NO_COLOR=1 TZ=UTC ASTRO_TELEMETRY_DISABLED=1
status=0
checks_failed=0
step() { echo "== $1"; shift; "$@" || { echo "!! failed: $*"; status=1; checks_failed=$((checks_failed + 1)); }; }
step "types (tsc)" npx tsc --noEmit -p .
step "astro check" npx astro check --minimumSeverity warning
step "lint and format (biome, zero warnings)" npx biome check --error-on-warnings .
rm -f vitest-report.json
npx vitest run --reporter=default --reporter=json --outputFile.json=vitest-report.json
vrc=$?
[ $vrc -ne 0 ] && status=1
if [ -f vitest-report.json ]; then
  node -e '
    const r = require("./vitest-report.json");
    const pre = Number(process.argv[1]);
    const failed = r.numFailedTests + pre; // a failed type/lint step counts as one failure
    console.log(`${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  ' "$checks_failed"
else
  echo "0 passed, 1 failed"
  status=1
fi
exit $status
