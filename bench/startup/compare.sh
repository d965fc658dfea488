#!/usr/bin/env bash
# Two ways of starting, side by side: alternating starts of A and B, each in an empty folder (a new SQLite
# database), so that both see the same machine load. For each start it prints the seconds from the launcher's
# invocation until /actuator/health answers UP, the CPU-seconds the JVM had used by then (less sensitive to other
# load than the wall time), Spring's "Started in", and Flyway's part of the start.
#
#   bench/startup/compare.sh                                   (this checkout, default options, twice)
#   A_OPTS="" B_OPTS="-XX:TieredStopAtLevel=1" RUNS=3 bench/startup/compare.sh
#   A_LAUNCHER=/other/checkout/ticket-triage bench/startup/compare.sh
#
# A_LAUNCHER / B_LAUNCHER (default: this checkout's ./ticket-triage), A_OPTS / B_OPTS (JAVA_OPTS for each), RUNS
# (pairs, default 2), PORT (default 8138). Prepare each launcher's start-up cache first (one start each).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
A_LAUNCHER="${A_LAUNCHER:-$ROOT/ticket-triage}"
B_LAUNCHER="${B_LAUNCHER:-$ROOT/ticket-triage}"
A_OPTS="${A_OPTS:-}"
B_OPTS="${B_OPTS:-}"
RUNS="${RUNS:-2}"
PORT="${PORT:-8138}"
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

one() {  # $1 = label, $2 = launcher, $3 = JAVA_OPTS
    local cpu dir
    dir="$(mktemp -d -p "$WORK")"
    start_server "$dir" "$2" "$3" LOGGING_LEVEL_ORG_FLYWAYDB=INFO
    cpu=$(awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$PID/stat")
    printf '%s: health UP after %.2f s, %s CPU-s, load %s; %s; flyway %s\n' "$1" "$ELAPSED" "$cpu" \
        "$(cut -d' ' -f1 /proc/loadavg)" "$(started_line "$dir/server.log")" "$(flyway_seconds "$dir/server.log")"
    stop_server
    rm -rf "$dir"
    sleep 1
}

# Seconds from Flyway's first log line to its "Successfully applied" line, and the scripts' own execution time.
flyway_seconds() {
    local from to ran
    from=$(grep -m1 'FlywayExecutor.*Database:' "$1" | cut -c12-23 || true)
    to=$(grep -m1 'Successfully applied' "$1" | cut -c12-23 || true)
    ran=$(grep -m1 -o 'execution time [0-9:.]*' "$1" || true)
    [[ -z "$from" || -z "$to" ]] && { echo "not logged"; return; }
    awk -v a="$from" -v b="$to" -v r="$ran" 'function s(t, p) { split(t, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
        BEGIN { printf "%.3f s (%s)", s(b) - s(a), r }'
}

echo "A: $A_LAUNCHER ${A_OPTS:+JAVA_OPTS=$A_OPTS}"
echo "B: $B_LAUNCHER ${B_OPTS:+JAVA_OPTS=$B_OPTS}"
for run in $(seq 1 "$RUNS"); do
    one "A $run" "$A_LAUNCHER" "$A_OPTS"
    one "B $run" "$B_LAUNCHER" "$B_OPTS"
done
