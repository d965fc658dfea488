#!/usr/bin/env bash
# The e-mail channel (src/test/java/io/tickettriage/mail/MailIntakeBench.java): messages taken in per second from an
# IMAP mailbox on loopback holding MESSAGES messages, then the time from a mail's arrival in the mailbox to its ticket
# being routed, for ARRIVALS single messages. The server is a separate JVM (-Xmx192m, SerialGC) on a new SQLite file,
# started from the test class path; everything is removed on exit.
#   IMAP            dovecot (default): a throwaway Dovecot on loopback, its Maildir filled by writing files;
#                   greenmail: GreenMail's IMAP server in the benchmark's JVM (slow with large mailboxes, see mail.md)
#   MESSAGES        messages in the mailbox at the start (default 10000)
#   ARRIVALS        single messages for arrival-to-routed (default 30)
#   POLL_INTERVAL   TRIAGE_MAIL_POLL_INTERVAL of the server (default 30s, the product's; new mail comes over IDLE)
# Dovecot comes from Debian's dovecot-imapd; run as root, the script installs it when it is missing (apt-get).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
IMAP="${IMAP:-dovecot}"
cd "$ROOT"

free_port() {
    local port
    while true; do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

# A Dovecot of its own under a temporary directory: loopback only, no TLS, plain login allowed, one user ("support",
# password "secret") in a passwd-file, its mail in a Maildir. Exports BENCH_IMAP_URL and BENCH_MAILDIR.
start_dovecot() {
    if ! command -v dovecot >/dev/null; then
        if [ "$(id -u)" = 0 ]; then
            echo "installing Dovecot (apt-get install dovecot-imapd)"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q dovecot-imapd >/dev/null
        else
            echo "Dovecot is not installed: run 'sudo apt-get install -y dovecot-imapd' (Debian, Ubuntu) first," \
                "or IMAP=greenmail $0" >&2
            exit 1
        fi
    fi
    DOVECOT_DIR="$(mktemp -d)"
    chmod 755 "$DOVECOT_DIR" # Dovecot's auth process runs as its own user and reads the passwd-file
    local port mail_user login_user
    port="$(free_port)"
    if [ "$(id -u)" = 0 ]; then
        mail_user=dovecot # Dovecot refuses to read mail as root
        login_user=dovenull
    else
        mail_user="$(id -un)"
        login_user="$(id -un)"
    fi
    mkdir -p "$DOVECOT_DIR"/{run,state} "$DOVECOT_DIR"/mail/support/Maildir/{cur,new,tmp}
    echo "support:{PLAIN}secret" >"$DOVECOT_DIR/passwd"
    chmod 644 "$DOVECOT_DIR/passwd"
    [ "$(id -u)" = 0 ] && chown -R dovecot:dovecot "$DOVECOT_DIR/mail"
    cat >"$DOVECOT_DIR/dovecot.conf" <<CONF
base_dir = $DOVECOT_DIR/run
state_dir = $DOVECOT_DIR/state
log_path = $DOVECOT_DIR/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = $login_user
default_internal_user = $([ "$(id -u)" = 0 ] && echo dovecot || id -un)
mail_location = maildir:$DOVECOT_DIR/mail/%u/Maildir
first_valid_uid = $(id -u "$mail_user")
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DOVECOT_DIR/passwd
}
userdb {
  driver = static
  args = uid=$mail_user gid=$(id -gn "$mail_user") home=$DOVECOT_DIR/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
CONF
    if [ "$(id -u)" != 0 ]; then
        printf 'service imap-login {\n  chroot =\n}\nservice anvil {\n  chroot =\n}\n' >>"$DOVECOT_DIR/dovecot.conf"
    fi
    dovecot -c "$DOVECOT_DIR/dovecot.conf"
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.1
    done
    echo "Dovecot $(dovecot --version | cut -d' ' -f1) on 127.0.0.1:$port, Maildir $DOVECOT_DIR/mail/support/Maildir"
    export BENCH_IMAP_URL="imap://support:secret@127.0.0.1:$port/INBOX"
    export BENCH_MAILDIR="$DOVECOT_DIR/mail/support/Maildir"
}

stop_dovecot() {
    if [ -n "${DOVECOT_DIR:-}" ]; then
        [ -f "$DOVECOT_DIR/run/master.pid" ] && kill "$(cat "$DOVECOT_DIR/run/master.pid")" 2>/dev/null || true
        sleep 1
        rm -rf "$DOVECOT_DIR"
    fi
}

mvn -B -ntp -q -o test-compile -Dfrontend.skip
mvn -B -ntp -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
if [ "$IMAP" = dovecot ]; then
    trap stop_dovecot EXIT INT TERM
    start_dovecot
fi
java --enable-native-access=ALL-UNNAMED -Xmx512m \
    -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat target/bench-classpath.txt)" \
    io.tickettriage.mail.MailIntakeBench "${MESSAGES:-10000}" "${ARRIVALS:-30}" "${POLL_INTERVAL:-30s}"
