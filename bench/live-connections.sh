#!/usr/bin/env bash
# Starts target/ticket-triage.jar with the README's memory settings on a fresh SQLite file, creates a requester
# and an admin token with the jar's token command, and runs bench/LiveConnectionsBench.java against it: 2,000
# anonymous Socket.IO WebSockets and 2,000 GET /events attempts, in waves, while /actuator/health is probed.
#
# Environment: JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), JAR (default target/ticket-triage.jar),
# PORT (default 8070), SOCKETS, STREAMS, WAVE (defaults 2000, 2000, 250).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JAR="${JAR:-$ROOT/target/ticket-triage.jar}"
PORT="${PORT:-8070}"
WORK="$(mktemp -d)"
export DATABASE_URL="sqlite:///$WORK/tickets.db" TRIAGE_KNOWLEDGE_DIR="$WORK/knowledge" SERVER_PORT="$PORT"

"$JAVA" -Xmx192m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=2000 --enable-native-access=ALL-UNNAMED \
    -jar "$JAR" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT

for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" > /dev/null 2>&1 && break
  kill -0 $SERVER 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 1
done
token() {
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$JAR" token create --role "$1" --name "$2" 2> /dev/null | tail -1
}
REQUESTER="$(token requester bench-requester)"
ADMIN="$(token admin bench-admin)"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); server pid $SERVER"
"$JAVA" "$ROOT/bench/LiveConnectionsBench.java" "http://127.0.0.1:$PORT" "$REQUESTER" "$ADMIN" \
    "${SOCKETS:-2000}" "${STREAMS:-2000}" "${WAVE:-250}" "$SERVER"
echo "server alive afterwards: $(kill -0 $SERVER 2>/dev/null && echo yes || echo no)"
echo "log lines written by the server: $(wc -l < "$WORK/server.log"), stack-trace lines: $(grep -c '^\s*at ' "$WORK/server.log" || true)"
