#!/usr/bin/env bash
# Start-up with a large knowledge base: fills an SQLite database with N labelled examples (texts from a CSV,
# random unit vectors in place of embeddings, which take the same time to load), then starts the service three
# times and prints, for each start, the seconds until /actuator/health answers UP, until the knowledge base is
# ready (tickets can be routed) and until the similarity index is ready. The routing model trains in the
# background afterwards (the nearest-neighbour vote routes meanwhile); its log line is printed if it came.
#
#   bench/startup/run.sh [N] [CSV] [TEXT_COL] [LABEL_COL]      (default: 40000 rows of the kaggle set)
#
# JAVA_HOME (default temurin 25), JAR (default target/app/ticket-triage.jar, the unpacked jar the README runs),
# PORT (default 8123), JAVA_OPTS (default: the README's, with the class archive in the temporary directory; the
# start that creates the database writes it, so the three timed starts are "after the first run").
set -euo pipefail
N="${1:-40000}"
CSV="${2:-/work/shared/datasets/kaggle-it-service-tickets/dev.csv}"
TEXT="${3:-Document}"
LABEL="${4:-Topic_group}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
JAR="${JAR:-target/app/ticket-triage.jar}"
PORT="${PORT:-8123}"
WORK="$(mktemp -d)"
JAVA_OPTS="${JAVA_OPTS:--Xmx1g -XX:+UseSerialGC -XX:TrimNativeHeapInterval=2000 -XX:+AutoCreateSharedArchive \
-XX:SharedArchiveFile=$WORK/ticket-triage.jsa -Xlog:cds=off --add-modules jdk.incubator.vector}"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

start() {  # $1 = log file; prints "health knowledge index model" seconds
    local log="$1" begin now health="" ready="" index="" model=""
    begin=$(date +%s.%N)
    # shellcheck disable=SC2086
    DATABASE_URL="sqlite:///$WORK/tickets.db" TRIAGE_KNOWLEDGE_DIR="$WORK/none" SERVER_PORT="$PORT" \
        "$JAVA" --enable-native-access=ALL-UNNAMED $JAVA_OPTS -jar "$JAR" >"$log" 2>&1 &
    PID=$!
    for _ in $(seq 1 3000); do
        now=$(date +%s.%N)
        [ -z "$health" ] && curl -sf "http://127.0.0.1:$PORT/actuator/health" | grep -q UP \
            && health=$(echo "$now - $begin" | bc)
        [ -z "$ready" ] && grep -q "Knowledge base ready" "$log" && ready=$(echo "$now - $begin" | bc)
        [ -z "$index" ] && grep -q "Similarity index ready" "$log" && index=$(echo "$now - $begin" | bc)
        [ -z "$model" ] && grep -q "Routing model .* trained" "$log" && model=$(echo "$now - $begin" | bc)
        if [ -n "$health" ] && [ -n "$ready" ] && { [ -n "$index" ] || [ "$2" = small ]; }; then
            break
        fi
        sleep 0.05
    done
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
    printf 'health UP %ss, knowledge base ready %ss, similarity index ready %ss, routing model trained %ss\n' \
        "${health:--}" "${ready:--}" "${index:--}" "${model:--}"
}

echo "creating the database (starter set only)"
start "$WORK/create.log" small >/dev/null
echo "adding $N examples from $CSV"
python3 - "$WORK/tickets.db" "$N" "$CSV" "$TEXT" "$LABEL" <<'PY'
import csv, random, sqlite3, struct, sys, math, time
db, n, path, text, label = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
con = sqlite3.connect(db)
model = con.execute("SELECT model FROM examples LIMIT 1").fetchone()[0]
rows = list(csv.DictReader(open(path, encoding="utf-8", errors="replace")))
rnd = random.Random(1)
now = int(time.time() * 1000)
batch = []
for i in range(n):
    r = rows[i % len(rows)]
    v = [rnd.gauss(0, 1) for _ in range(384)]
    s = math.sqrt(sum(x * x for x in v))
    blob = struct.pack("<384f", *[x / s for x in v])
    batch.append((r[label], r[text][:200] + ("" if i < len(rows) else f" #{i}"), r[text], "import",
                  f"bench-{i}", model, blob, now))
con.executemany("INSERT INTO examples (team, title, description, source, content_hash, model, vector, created_at)"
                " VALUES (?,?,?,?,?,?,?,?)", batch)
con.commit()
print(con.execute("SELECT COUNT(*) FROM examples").fetchone()[0], "examples stored")
PY
echo "uptime: $(uptime)"
for run in 1 2 3; do
    echo "start $run: $(start "$WORK/start-$run.log" large)"
done
grep -h "Knowledge base ready\|Similarity index ready\|Routing model .* trained\|Started TriageApplication" \
    "$WORK"/start-*.log | cut -c1-220
echo "uptime: $(uptime)"
