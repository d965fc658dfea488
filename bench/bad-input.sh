#!/usr/bin/env bash
# Bad input against a running service: about a hundred malformed or hostile requests (wrong types, blank and oversized
# fields, unknown values, NUL characters, broken paths, ids past 64 bits, hostile search strings...). Every answer must
# be a success or a 4xx problem document: any 5xx, dropped connection or stack trace is printed with "!!" and makes
# the exit status 1. Run it against the same service on SQLite and on PostgreSQL (DATABASE_URL) to compare them.
#   URL     the service (default http://127.0.0.1:8000); loopback addresses only
#   TOKEN   an admin token (./ticket-triage token create --role admin --name bad-input)
# It creates a few tickets, comments, a team, an agent and tokens: run it on a test database.
set -uo pipefail
URL="${URL:-http://127.0.0.1:8000}"
case "$URL" in
    http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;;
    *) echo "URL must be a loopback address, not $URL" >&2; exit 2 ;;
esac
[[ -n "${TOKEN:-}" ]] || { echo "TOKEN: an admin token is needed (./ticket-triage token create --role admin)" >&2; exit 2; }
WORKDIR="$(mktemp -d -t ticket-triage-bad-input.XXXXXX)"
trap 'rm -rf "$WORKDIR"' EXIT
python3 - "$WORKDIR" <<'PY'
import json, sys
json.dump({"title": "x" * 300000}, open(sys.argv[1] + "/big-title.json", "w"))
json.dump({"text": "x" * 300000}, open(sys.argv[1] + "/big-text.json", "w"))
PY
LONG_QUERY="$(printf 'a%.0s' $(seq 1 5000))"
requests=0
problems=0

# req METHOD PATH [BODY [CONTENT-TYPE]]; a BODY of @file is read from that file
req() {
    local args=(-s -m 20 -w '\n%{http_code}' -X "$1" "$URL$2" -H "Authorization: Bearer $TOKEN")
    [[ -n "${3:-}" ]] && args+=(-H "Content-Type: ${4:-application/json}" --data-binary "$3")
    local out code body
    out="$(curl "${args[@]}")"
    code="$(tail -n 1 <<<"$out")"
    body="$(head -n -1 <<<"$out")"
    requests=$((requests + 1))
    if [[ ! "$code" =~ ^[1-4][0-9][0-9]$ ]] || grep -qE '\.java:[0-9]+|Exception:|^\s+at [a-z]+\.' <<<"$body"; then
        problems=$((problems + 1))
        printf '!! %s %s %.60s -> %s %.200s\n' "$1" "$2" "${3:-}" "$code" "$body"
    else
        printf '   %s %s %.50s -> %s %.100s\n' "$1" "$2" "${3:-}" "$code" "$body"
    fi
}

# tickets
req POST /tickets '[]'
req POST /tickets '"just a string"'
req POST /tickets '{"title":12345}'
req POST /tickets '{"title":null,"description":"d"}'
req POST /tickets '{"title":"   "}'
req POST /tickets "@$WORKDIR/big-title.json"
req POST /tickets '{"title":"ok","priority":"Whenever"}'
req POST /tickets '{"title":"ok","unknown_field":1}'
req POST /tickets '{"title":"ok"}' text/plain
req POST /tickets '{"title":"Printer\u0000 jammed","description":"\u0000\u0000"}'
req POST /tickets '{"title":"ok","description":{"a":1}}'
req GET /tickets/abc
req GET /tickets/-1
req GET /tickets/9223372036854775807
req GET /tickets/9223372036854775808
req DELETE /tickets/9223372036854775807
req GET '/tickets?limit=-1'
req GET '/tickets?limit=abc'
req GET '/tickets?limit=99999999999999999999'
req GET '/tickets?status=bogus'
req GET '/tickets?cursor=AAAA'
req GET '/tickets?cursor=%00'
req GET '/tickets?team=%00'
req GET '/tickets?q=jam%00med'
req GET '/tickets?q=%25'
req GET '/tickets?q=_'
req GET '/tickets?q=%27%3B%20drop%20table%20tickets%3B--'
req GET '/tickets?q=%F0%9F%94%A5'
req GET "/tickets?q=$LONG_QUERY"
req GET '/tickets?team=Hardware%20Team%27'
req GET '/tickets?assignee=%27'
req PATCH /tickets/1 '{"status":"bogus"}'
req PATCH /tickets/1 '{"assigned_to":""}'
req PATCH /tickets/1 '{"priority":5}'
req PATCH /tickets/1 '[1,2]'
req PATCH /tickets/999999 '{"status":"closed"}'
req PATCH /tickets/1/status '{"status":"nope"}'
req PATCH /tickets/1/status 'garbage'
req DELETE /tickets/abc
req DELETE /tickets/999999
req GET /tickets/999999/explanation
req GET /tickets/abc/explanation
req GET /tickets/999999/corrections
# comments
req POST /tickets/999999/comments '{"text":"x"}'
req POST /tickets/1/comments '{}'
req POST /tickets/1/comments "@$WORKDIR/big-text.json"
req POST /tickets/1/comments '{"text":"on\u0000it"}'
req GET '/tickets/1/comments?limit=0'
req GET '/tickets/1/comments?cursor=-1'
# triage without a ticket
req POST /triage '{}'
req POST /triage '{"title":""}'
req POST /triage "@$WORKDIR/big-title.json"
# teams, policies, hours, service levels, agents
req POST /teams '{}'
req POST /teams '{"name":""}'
req POST /teams '{"name":"x","examples":"notalist"}'
req POST /teams '{"name":"Bad\u0007Team","examples":[{"title":"Broken chair"}]}'
req GET /teams/Nope/policy
req PUT /teams/Nope/policy '{}'
req PUT '/teams/Hardware%20Team/policy' '{"assignment":"whoever"}'
req PUT '/teams/Hardware%20Team/hours' '{"time_zone":"Mars/Base"}'
req PUT '/teams/Hardware%20Team/hours' '{"time_zone":"UTC","days":["Funday"],"start":"09:00","end":"17:00"}'
req PUT '/teams/Hardware%20Team/hours' '{"time_zone":"UTC","days":["MON"],"start":"25:00","end":"26:00"}'
req DELETE /teams/Nope/hours
req PUT /sla '{"targets":[{"priority":"Urgent","first_response_minutes":-1,"resolution_minutes":0}]}'
req PUT /sla '"x"'
req PUT /agents/x '{}'
req PUT /agents/x '{"teams":["Nope"],"max_open_tickets":-3}'
req PUT /agents/x/availability '{"availability":"maybe"}'
req DELETE /agents/nobody
req GET /agents/nobody
# webhooks
req POST /webhooks '{}'
req POST /webhooks '{"url":"ftp://x","events":["ticket_created"]}'
req POST /webhooks '{"url":"http://127.0.0.1:1/x","events":["no_such_event"]}'
req POST /webhooks '{"url":"not a url"}'
req GET /webhooks/abc
req GET /webhooks/999999
req PATCH /webhooks/999999 '{"active":false}'
req DELETE /webhooks/999999
req GET /webhooks/999999/deliveries
req POST /webhooks/999999/deliveries/1/redeliver
# connectors, tokens, sessions, the rest
req POST /connectors/nope/webhook '{}'
req POST /connectors/zammad/webhook 'garbage'
req POST /tokens '{"role":"god"}'
req POST /tokens '{}'
req POST /tokens '{"role":"requester","name":"bad\u0000input"}'
req PUT /agents/bad-input '{"teams":["Hardware Team"],"email":"bad\u0000input@example.com"}'
req DELETE /tokens/abc
req GET /incidents/abc
req GET '/incidents?limit=-4'
req GET '/insights?days=-1'
req GET '/insights?days=abc'
req GET '/insights?days=99999999999999999999'
req POST /auth/session '{"token":"nope"}'
# paths the web server itself refuses
req GET /agents/a%00b
req GET /tickets/1%00
req GET /tickets/%zz
req GET /tickets/a%2Fb

echo "requests $requests, server errors or stack traces $problems"
[[ $problems -eq 0 ]]
