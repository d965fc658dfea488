# Sourced by launcher.sh, compare.sh and threads.sh: starts ./ticket-triage the way users start it, in an empty
# folder (a new SQLite database, as a first start), waits until /actuator/health answers UP and stops it again.
# The sourcing script sets PORT; PID is the running server (empty when none), ELAPSED the seconds its start took.
PID=""
ELAPSED=""
# Every start's folder goes under WORK; a script's end (normal, error or Ctrl-C) stops its server and removes them.
WORK="$(mktemp -d)"
trap 'stop_server; rm -rf "$WORK"' EXIT

now() { date +%s.%N; }

# start_server FOLDER LAUNCHER JAVA_OPTS [NAME=value ...]: the launcher's `start` in FOLDER (created), with
# SERVER_PORT=$PORT, TRIAGE_AUTH=none and the given variables; the server's output goes to FOLDER/server.log. Sets
# PID and ELAPSED (seconds from the launcher's invocation to health UP); a server that dies first ends the script.
start_server() {
    local dir="$1" launcher="$2" opts="$3" begin
    shift 3
    mkdir -p "$dir"
    begin=$(now)
    # exec, twice: PID is then the JVM itself (the launcher execs java), which is what stop_server kills
    (cd "$dir" && exec env SERVER_PORT="$PORT" TRIAGE_AUTH=none "$@" JAVA_OPTS="$opts" "$launcher" start) \
        >"$dir/server.log" 2>&1 &
    PID=$!
    until curl -fsS --max-time 1 "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
        kill -0 "$PID" 2>/dev/null || { tail -n 30 "$dir/server.log" >&2; exit 1; }
        sleep 0.02
    done
    ELAPSED=$(echo "$(now) - $begin" | bc)
}

# Stops the server start_server started, if it still runs; safe to call from an EXIT trap.
stop_server() {
    if [[ -n "$PID" ]]; then
        kill "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
        PID=""
    fi
}

# Spring's "Started TriageApplication in N seconds" line of a server log.
started_line() {
    grep -o 'Started TriageApplication in [0-9.]* seconds' "$1" || echo 'no Started line'
}
