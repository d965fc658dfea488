#!/usr/bin/env bash
# The first minute of a fresh service, started the way users start it: through ./ticket-triage, after a build.
#
#   bench/startup/launcher.sh              (RUNS=5 starts, then one 2,000 tickets/s flood on a fresh server)
#
# 1. Makes sure the build is current and the launcher's start-up cache is prepared (its training run), as the
#    first start after a build does.
# 2. RUNS times: starts ./ticket-triage in an empty folder (a new SQLite database, as a first start), prints the
#    seconds from the launcher's invocation until /actuator/health answers UP, and stops it. With CACHE=off the
#    same starts run without the cache (JAVA_OPTS=-XX:AOTMode=off on JDK 25), for comparison.
# 3. Starts one more fresh server and, as soon as it is healthy, floods it with RATE tickets/s (2,000) for
#    (FLOOD_SECONDS, 15) with bench/IntakeBench.java, no warm-up: the intake p99 over the server's first seconds.
#
# PORT (default 8124), RUNS, RATE, FLOOD_SECONDS, CACHE (on|off). The machine's load average is printed before and after:
# on a machine shared with other builds the figures are upper bounds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LAUNCHER="$ROOT/ticket-triage"
PORT="${PORT:-8124}"
RUNS="${RUNS:-5}"
RATE="${RATE:-2000}"
FLOOD_SECONDS="${FLOOD_SECONDS:-15}"
CACHE="${CACHE:-on}"
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

extra_opts=""
[[ "$CACHE" == off ]] && extra_opts="-XX:AOTMode=off"

# A fresh folder per start: a new database, as the very first start of a new user.
start() {  # $1 = folder; sets PID and ELAPSED (seconds to health UP)
    start_server "$1" "$LAUNCHER" "$extra_opts" TRIAGE_RATE_LIMIT_PER_MINUTE=0 TRIAGE_JOBS_MAX_PENDING=0
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$LAUNCHER" status
if ! "$LAUNCHER" status | grep -q 'start-up cache ready'; then
    echo "preparing the start-up cache (a first start after the build)"
    start "$WORK/prepare"
    stop_server
fi
echo "cache: $CACHE"
for run in $(seq 1 "$RUNS"); do
    start "$WORK/start-$run"
    echo "start $run: health UP after $ELAPSED s; $(started_line "$WORK/start-$run/server.log")"
    stop_server
done

# The flood client is compiled first, so that it sends from the first moment the server is healthy.
mkdir -p "$WORK/client"
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/javac" -d "$WORK/client" "$ROOT/bench/IntakeBench.java"
start "$WORK/flood"
echo "flood server: health UP after $ELAPSED s; $RATE tickets/s for $FLOOD_SECONDS s from then on, no warm-up"
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -cp "$WORK/client" IntakeBench \
    --url "http://127.0.0.1:$PORT" --mode intake --rate "$RATE" --seconds "$FLOOD_SECONDS" --warmup 0 \
    --routing-timeout 1 2>&1 | grep -v '^  *[0-9]* s ' | tail -n 25 || true
stop_server
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
