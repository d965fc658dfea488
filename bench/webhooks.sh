#!/usr/bin/env bash
# Outbound webhooks (bench/WebhookBench.java): submit-to-ticket_routed latency at 20 tickets/s without webhooks and
# with 5 subscriptions to every event answering on loopback (bench/RoutedLatencyBench.java), then deliveries per
# second to 5 fast receivers. One server from target/ticket-triage.jar on a new SQLite file, stopped on exit.
#   JAR       the jar to run (default target/ticket-triage.jar)
#   PORT      server port (default 8090)
#   TICKETS   tickets for the throughput run (default 1000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JAR="${JAR:-$ROOT/target/ticket-triage.jar}"
PORT="${PORT:-8090}"
URL="http://127.0.0.1:$PORT"
WORKDIR="$(mktemp -d -t ticket-triage-webhooks.XXXXXX)"
SERVER_LOG="$WORKDIR/server.log"
[[ -f "$JAR" ]] || { echo "no $JAR: run 'mvn -DskipTests package' first" >&2; exit 1; }

cleanup() {
    [[ -n "${SERVER_PID:-}" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORKDIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$WORKDIR"
TRIAGE_AUTH=none TRIAGE_RATE_LIMIT_PER_MINUTE=0 TRIAGE_WEBHOOKS_ALLOW_PRIVATE=true SERVER_PORT="$PORT" \
    DATABASE_URL="sqlite:///$WORKDIR/tickets.db" TRIAGE_KNOWLEDGE_DIR="$WORKDIR/knowledge" \
    "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx192m -XX:+UseSerialGC -jar "$JAR" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
    grep -qs "Knowledge base ready" "$SERVER_LOG" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SERVER_LOG"; exit 1; }
    sleep 0.2
done
grep -qs "Knowledge base ready" "$SERVER_LOG" || { echo "server not ready after 120 s" >&2; exit 1; }

echo "== submit to ticket_routed, no webhooks"
"$JAVA" "$ROOT/bench/RoutedLatencyBench.java" "$URL" 20 60 10
echo "== submit to ticket_routed, 5 subscriptions to every event"
"$JAVA" "$ROOT/bench/WebhookBench.java" hold "$URL" 5 80 &
HOLD_PID=$!
sleep 5
"$JAVA" "$ROOT/bench/RoutedLatencyBench.java" "$URL" 20 60 10
wait "$HOLD_PID"
echo "== deliveries per second to 5 fast receivers"
"$JAVA" "$ROOT/bench/WebhookBench.java" throughput "$URL" 5 "${TICKETS:-1000}"
