#!/usr/bin/env bash
# `ssespec serve` end to end: --port 0 prints the URL, a held-out scenario's bytes arrive in its
# chunks, SIGTERM stops it with exit 0 and the record written; a malformed scenario exits 2 naming
# file and JSON path; --case serves a fixture case.
set -uo pipefail
ssespec=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A raw GET over bash's /dev/tcp: the whole response, chunk framing included.
get() {
  local port=$1 path=$2
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n' "$path" >&3
  timeout 10 cat <&3
  exec 3<&-
}

cat > "$work/held.json" <<'JSON'
{"connections": [
  {"steps": [{"kind": "send", "chunks": ["id: 1\n", "data: a\n\n"]}, {"kind": "sleep", "ms": 50},
             {"kind": "send", "chunks": ["data: b\n\n"]}, {"kind": "close"}]},
  {"expect": {"headers": {"Last-Event-ID": "1"}}, "steps": [{"kind": "send", "chunks": ["data: c\n\n"]}]}
]}
JSON
"$ssespec" serve --scenario "$work/held.json" --port 0 --record "$work/record.json" > "$work/url" 2> "$work/err" &
pid=$!
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.1; done
url=$(head -1 "$work/url")
[[ $url =~ ^http://127\.0\.0\.1:([0-9]+)/$ ]] || fail "no URL on stdout: '$url'"
port=${BASH_REMATCH[1]}
body=$(get "$port" /first | tr -d '\r' | sed -n '/^$/,$p')
expected=$'\n6\nid: 1\n\n9\ndata: a\n\n\n9\ndata: b\n\n\n0'
[ "$body" == "$expected" ] || fail "chunks: got $(printf %q "$body")"
get "$port" /second > /dev/null
kill -TERM "$pid"
wait "$pid"
status=$?
[ "$status" -eq 0 ] || fail "exit $status after SIGTERM: $(cat "$work/err")"
grep -q '"connection": 1' "$work/record.json" || fail "record lacks the reconnection"
grep -q 'header Last-Event-ID: expected \\"1\\", got absent' "$work/record.json" || fail "record lacks the mismatch"

echo '{"connections": [{"steps": [{"kind": "send", "chunks": "x"}]}]}' > "$work/bad.json"
"$ssespec" serve --scenario "$work/bad.json" --port 0 > /dev/null 2> "$work/err"
status=$?
[ "$status" -eq 2 ] || fail "malformed scenario: exit $status"
grep -q "bad.json: connections\[0\].steps\[0\].chunks: expected an array of strings" "$work/err" || fail "message: $(cat "$work/err")"

"$ssespec" serve --case line-endings/lone-cr-dispatches --split bytes --pause-ms 0 --port 0 > "$work/url" 2> "$work/err" &
pid=$!
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.1; done
port=$(sed -E 's#.*:([0-9]+)/.*#\1#' "$work/url")
body=$(get "$port" /)
kill -INT "$pid"
wait "$pid" || fail "exit $? after SIGINT"
[[ $body == *$'1\r\nd\r\n1\r\na\r\n'* ]] || fail "case not served byte by byte: $(printf %q "$body") $(cat "$work/err")"
echo "ok"
