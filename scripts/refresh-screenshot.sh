#!/usr/bin/env bash
# Refreshes the README's dashboard picture (docs/images/dashboard.png) from the dashboard's browser test: DashboardIT
# drives the real service in Chromium and leaves a screenshot of the board in target/e2e/board.png.
#
#   scripts/refresh-screenshot.sh           (builds and runs DashboardIT only; needs /usr/bin/chromium)
#   NO_TEST=1 scripts/refresh-screenshot.sh (only copies target/e2e/board.png from a test run already made)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ "${NO_TEST:-0}" != 1 ]]; then
    ./ticket-triage test -Dtest=none -Dit.test=DashboardIT -Dsurefire.failIfNoSpecifiedTests=false \
        -Dfailsafe.failIfNoSpecifiedTests=false
fi
[[ -f target/e2e/board.png ]] || { echo "no target/e2e/board.png: run DashboardIT first" >&2; exit 1; }
mkdir -p docs/images
cp target/e2e/board.png docs/images/dashboard.png
echo "docs/images/dashboard.png refreshed from target/e2e/board.png"
