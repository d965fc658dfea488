#!/usr/bin/env bash
# Runs the intake and routing benchmarks against a fresh server on this machine.
#
# Starts target/ticket-triage.jar (built first if missing) in a temporary directory with a new SQLite file,
# measures the time from process start to a healthy /actuator/health, samples the server's resident memory
# every second, and runs bench/IntakeBench.java three times, each after its own warm-up at the same rate (5 s, 5 s and 15 s):
#   1. latency mode, 20 tickets/s for 20 s   (submit-to-routed target)
#   2. intake, 200 tickets/s for 20 s
#   3. intake, 2000 tickets/s for 60 s       (the intake target), after a 15 s warm-up (HIGH_WARMUP)
# Output goes to the terminal and to bench/results/<timestamp>/.
#
# Environment:
#   JAVA_HOME          JDK 21 or newer (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   PORT               server port (default 8000, or the next free port above it)
#   JAR                server jar to test (default target/ticket-triage.jar, which is built when missing)
#   REBUILD=1          build target/ticket-triage.jar even if it exists
#   HIGH_RATE          rate of the third run (default 2000)
#   HIGH_SECONDS       length of the third run (default 60)
#   HIGH_WARMUP        warm-up of the third run in seconds (default 15: at 2,000/s the client's own JIT takes most
#                      of a core for about 10 s, see bench/README.md)
#   ROUTING_TIMEOUT    seconds the third run waits for every ticket to be routed (default 900)
#   MAX_PENDING        the server's TRIAGE_JOBS_MAX_PENDING (default 0: no bound, see bench/README.md)
#   SERVER_JAVA_OPTS   JVM options for the server (default: those of the README's run command)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
BUILT_JAR="$ROOT/target/ticket-triage.jar"
JAR="${JAR:-$BUILT_JAR}"
HIGH_RATE="${HIGH_RATE:-2000}"
HIGH_SECONDS="${HIGH_SECONDS:-60}"
HIGH_WARMUP="${HIGH_WARMUP:-15}"
ROUTING_TIMEOUT="${ROUTING_TIMEOUT:-900}"
MAX_PENDING="${MAX_PENDING:-0}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xmx192m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=2000}"
HEALTH_TIMEOUT_S=60
KNOWLEDGE_TIMEOUT_S=120

log() { printf '[run.sh] %s\n' "$*"; }
die() { printf '[run.sh] error: %s\n' "$*" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

[[ -x "$JAVA" ]] || die "no java at $JAVA; set JAVA_HOME to a JDK 21 or newer"
JAVA_VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')
(( ${JAVA_VERSION%%.*} >= 21 )) || die "$JAVA is Java $JAVA_VERSION; set JAVA_HOME to a JDK 21 or newer"
command -v curl >/dev/null || die "curl is required"

read -r LOAD_1MIN _ </proc/loadavg
if awk -v load="$LOAD_1MIN" -v cpus="$(nproc)" 'BEGIN { exit !(load > cpus / 2) }'; then
    log "warning: load average $LOAD_1MIN on $(nproc) CPUs; other work competes for the CPU and will slow the server"
fi

if [[ "$JAR" == "$BUILT_JAR" && ( ! -f "$JAR" || "${REBUILD:-0}" == 1 ) ]]; then
    log "building $JAR"
    (cd "$ROOT" && JAVA_HOME="$JAVA_HOME" mvn -B -q -DskipTests package) || die "build failed"
fi
[[ -f "$JAR" ]] || die "no jar at $JAR"

if [[ -n "${PORT:-}" ]]; then
    port_in_use "$PORT" && die "port $PORT is already in use"
else
    PORT=8000
    while port_in_use "$PORT"; do PORT=$((PORT + 1)); done
fi
BASE_URL="http://127.0.0.1:$PORT"

RESULTS="$ROOT/bench/results/$(date -u +%Y%m%d-%H%M%S)"
WORKDIR="$(mktemp -d -t ticket-triage-bench.XXXXXX)"
mkdir -p "$RESULTS"
SERVER_LOG="$RESULTS/server.log"
RSS_LOG="$RESULTS/rss.log"
SERVER_PID=""
SAMPLER_PID=""

cleanup() {
    local status=$?
    if [[ -n "$SAMPLER_PID" ]]; then
        kill "$SAMPLER_PID" 2>/dev/null || true
        wait "$SAMPLER_PID" 2>/dev/null || true
    fi
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        log "stopping the server (pid $SERVER_PID)"
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 150); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORKDIR"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The server runs from a copy of the jar, so a rebuild during the benchmark cannot disturb it.
cp "$JAR" "$WORKDIR/ticket-triage.jar"

log "starting the server on port $PORT in $WORKDIR with '$SERVER_JAVA_OPTS' (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
START_MS=$(now_ms)
# All load comes from one client address, which the per-client creation limit would otherwise hold to
# 600 tickets a minute. The benchmark client has no account: authentication is off (TRIAGE_AUTH=none). The load
# is more than routing can follow on two shared cores, so the backlog bound would refuse intake part-way through
# a long run; MAX_PENDING=50000 shows that back-pressure instead.
# shellcheck disable=SC2086  # SERVER_JAVA_OPTS is a list of options
(cd "$WORKDIR" && SERVER_PORT="$PORT" DATABASE_URL="sqlite:///$WORKDIR/tickets.db" TRIAGE_RATE_LIMIT_PER_MINUTE=0 \
    TRIAGE_AUTH=none TRIAGE_JOBS_MAX_PENDING="$MAX_PENDING" \
    exec "$JAVA" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector $SERVER_JAVA_OPTS -jar ticket-triage.jar) \
    >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

deadline=$(( START_MS + HEALTH_TIMEOUT_S * 1000 ))
until curl -fsS --max-time 1 "$BASE_URL/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$SERVER_LOG" >&2; die "the server exited during start"; }
    (( $(now_ms) < deadline )) || die "no healthy /actuator/health after ${HEALTH_TIMEOUT_S} s"
    sleep 0.05
done
SERVING_MS=$(( $(now_ms) - START_MS ))
log "serving after $SERVING_MS ms"

deadline=$(( START_MS + KNOWLEDGE_TIMEOUT_S * 1000 ))
until grep -q "Knowledge base ready" "$SERVER_LOG"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$SERVER_LOG" >&2; die "the server exited during start"; }
    (( $(now_ms) < deadline )) || die "no 'Knowledge base ready' in the log after ${KNOWLEDGE_TIMEOUT_S} s"
    sleep 0.05
done
KNOWLEDGE_MS=$(( $(now_ms) - START_MS ))
log "knowledge base ready after $KNOWLEDGE_MS ms: $(grep -m1 -o 'Knowledge base ready.*' "$SERVER_LOG")"

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || true; }
IDLE_RSS_KB=$(rss_kb)
(
    while kill -0 "$SERVER_PID" 2>/dev/null; do
        echo "$(date +%s) $(rss_kb)"
        sleep 1
    done
) >"$RSS_LOG" &
SAMPLER_PID=$!

# CPU time in clock ticks: of the server process, and of the whole machine (all busy states, every CPU).
CLOCK_TICKS=$(getconf CLK_TCK)
server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat" 2>/dev/null || echo -1; } # -1: exited
machine_cpu_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
cores() { # ticks milliseconds: average number of busy cores
    awk -v ticks="$1" -v hz="$CLOCK_TICKS" -v ms="$2" 'BEGIN { printf "%.2f", ticks / hz / (ms / 1000) }'
}

# Runs one benchmark; records its first and last second for the per-run memory figures, and the CPU used by the
# server and by the whole machine (server, benchmark client and anything else running), to spot a busy machine.
declare -a RUN_NAMES=() RUN_FROM=() RUN_TO=() RUN_STATUS=() RUN_SERVER_CPU=() RUN_MACHINE_CPU=()
bench() {
    local name=$1
    shift
    log "benchmark '$name': $* (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
    local from from_ms server_ticks machine_ticks elapsed_ms status=0
    from=$(date +%s)
    from_ms=$(now_ms)
    server_ticks=$(server_cpu_ticks)
    machine_ticks=$(machine_cpu_ticks)
    "$JAVA" "$ROOT/bench/IntakeBench.java" --url "$BASE_URL" "$@" 2>&1 | tee "$RESULTS/$name.txt" || status=$?
    elapsed_ms=$(( $(now_ms) - from_ms ))
    RUN_NAMES+=("$name") RUN_FROM+=("$from") RUN_TO+=("$(date +%s)") RUN_STATUS+=("$status")
    local server_ticks_after
    server_ticks_after=$(server_cpu_ticks)
    if (( server_ticks_after < 0 )); then
        RUN_SERVER_CPU+=("n/a")
    else
        RUN_SERVER_CPU+=("$(cores $(( server_ticks_after - server_ticks )) "$elapsed_ms")")
    fi
    RUN_MACHINE_CPU+=("$(cores $(( $(machine_cpu_ticks) - machine_ticks )) "$elapsed_ms")")
    echo
}

bench latency-20 --mode latency --rate 20 --seconds 20
bench intake-200 --mode intake --rate 200 --seconds 20
bench "intake-$HIGH_RATE" --mode intake --rate "$HIGH_RATE" --seconds "$HIGH_SECONDS" --warmup "$HIGH_WARMUP" \
    --routing-timeout "$ROUTING_TIMEOUT"

max_rss_mib() { # from to: the highest sample between two epoch seconds, in MiB
    awk -v from="$1" -v to="$2" '$1 >= from && $1 <= to && $2 > max { max = $2 } END { printf "%.0f", max / 1024 }' \
        "$RSS_LOG"
}

failed=0
for run_status in "${RUN_STATUS[@]}"; do
    [[ "$run_status" == 0 ]] || failed=1
done

{
    echo "== Results ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, server and client on the same machine)"
    printf '  %-28s %s ms\n' "start to serving" "$SERVING_MS"
    printf '  %-28s %s ms\n' "start to knowledge ready" "$KNOWLEDGE_MS"
    printf '  %-28s %s MiB\n' "RSS when idle after start" "$(( IDLE_RSS_KB / 1024 ))"
    printf '  %-28s %s MiB\n' "RSS max over all runs" "$(max_rss_mib 0 9999999999)"
    for i in "${!RUN_NAMES[@]}"; do
        printf '  %-28s exit status %s, max RSS %s MiB, busy cores: server %s, whole machine %s\n' \
            "${RUN_NAMES[$i]}" "${RUN_STATUS[$i]}" "$(max_rss_mib "${RUN_FROM[$i]}" "${RUN_TO[$i]}")" \
            "${RUN_SERVER_CPU[$i]}" "${RUN_MACHINE_CPU[$i]}"
        grep -h '^SUMMARY' "$RESULTS/${RUN_NAMES[$i]}.txt" | sed 's/^/    /' || true
    done
    echo "  files: $RESULTS"
} | tee "$RESULTS/summary.txt"

exit "$failed"
