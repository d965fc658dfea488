#!/usr/bin/env bash
# The e-mail channel (src/test/java/io/tickettriage/mail/MailIntakeBench.java): messages taken in per second from a
# GreenMail IMAP mailbox on loopback holding MESSAGES messages, then the time from a mail's arrival in the mailbox
# to its ticket being routed, for ARRIVALS single messages. The server is a separate JVM (-Xmx192m, SerialGC) on a
# new SQLite file, started from the test class path; everything is removed on exit.
#   MESSAGES        messages in the mailbox at the start (default 10000)
#   ARRIVALS        single messages for arrival-to-routed (default 30)
#   POLL_INTERVAL   TRIAGE_MAIL_POLL_INTERVAL of the server (default 1s; the product's default is 30s)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
cd "$ROOT"
mvn -B -ntp -q -o test-compile -Dfrontend.skip
mvn -B -ntp -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java --enable-native-access=ALL-UNNAMED -Xmx512m \
    -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat target/bench-classpath.txt)" \
    io.tickettriage.mail.MailIntakeBench "${MESSAGES:-10000}" "${ARRIVALS:-30}" "${POLL_INTERVAL:-1s}"
