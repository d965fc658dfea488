#!/usr/bin/env bash
# Where the CPU of a start goes: starts ./ticket-triage in a new folder (a new SQLite database, as a first start),
# and the moment /actuator/health answers UP prints the CPU-seconds each group of the JVM's threads has used so far
# (from /proc/<pid>/task/*/stat; threads named alike, e.g. "C2 CompilerThread0" and "...1", are added up).
#
#   bench/startup/threads.sh               (RUNS=3 starts; PORT 8131)
#
# "java" is the main thread (Spring's start runs on it) and the launcher's primordial thread. Run it after a build
# whose start-up cache is prepared (bench/startup/launcher.sh prepares it), on a quiet machine: on two cores every
# other process takes CPU from the start.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PORT="${PORT:-8131}"
RUNS="${RUNS:-3}"
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ticks="$(getconf CLK_TCK)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$RUNS"); do
    start_server "$WORK/start-$run" "$ROOT/ticket-triage" "${JAVA_OPTS:-}"
    echo "start $run: health UP after $ELAPSED s; CPU-seconds by then, per thread group:"
    for task in /proc/"$PID"/task/*; do
        name="$(cat "$task/comm")"
        # Fields after the command name: utime and stime are the 12th and 13th.
        read -r -a fields <<<"$(sed 's/.*) //' "$task/stat")"
        printf '%s\t%s\n' "$name" "$(( fields[11] + fields[12] ))"
    done | awk -F'\t' -v ticks="$ticks" '
        { group = $1; sub(/[-#]?[0-9]+$/, "", group); cpu[group] += $2; total += $2 }
        END {
            printf "  %6.2f  %s\n", total / ticks, "(all threads)"
            for (group in cpu) if (cpu[group] > 0) printf "  %6.2f  %s\n", cpu[group] / ticks, group
        }' | sort -rn
    stop_server
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
