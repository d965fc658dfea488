#!/usr/bin/env bash
# Routed tickets per second in the scale-out mode with 1 and 2 worker processes (bench/ScaleOutBench.java):
# one API JVM, the worker JVMs, embedded PostgreSQL and embedded Redis, all on loopback, each run bounded to 180 s.
#   TICKETS   tickets per run (default 1000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="$ROOT/target/classes:$ROOT/target/test-classes:$(cat target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dtickets="${TICKETS:-1000}" -cp "$CP" bench/ScaleOutBench.java
