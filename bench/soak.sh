#!/usr/bin/env bash
# Soak: one Wayfinder under everything hostile at once for DURATION seconds, then checks that it is
# alive, stayed under its memory bound, kept every API write and still answers right.
#
#   bench/soak.sh                      # 10 minutes
#   DURATION=60 bench/soak.sh          # the CI run (./test.sh)
#
# What runs, all on loopback (everything it starts is stopped on exit, Ctrl-C or failure):
#   stub      Unbound on 127.0.0.2 serving fwd.test from local-data (TTL 1) and NXDOMAIN for every
#             other name (local-zone "." static: it never asks anyone else); killed with KILL every
#             STUB_UP s and started again STUB_DOWN s later;
#   targets   HTTP health targets (bench/soak_tools.py health): the first FLAPPING services' endpoints
#             flap between 200 and 503 every few seconds, `stable` has 3 passing endpoints and 1
#             failing one;
#   wayfinder through the launcher, SERVICES services of 3 endpoints, forwarding to the stub,
#             dns.rate_limit per_source_rps RRL_RPS with per_source_burst RRL_BURST (dnsperf stays
#             under it, the bursts do not), dns.limits tcp_idle 5s;
#   dnsperf   QPS queries a second for DURATION s: zone names (A, SRV, instance, NXDOMAIN) and
#             forwarded names n0..n299.fwd.test (about a third of the queries);
#   junk      JUNK_PPS malformed datagrams a second from 127.0.1.1 (random bytes, cut headers,
#             looping and out-of-range label pointers, responses instead of queries, lying counts),
#             and every FLOOD_EVERY s a burst of FLOOD_COUNT queries from 127.0.2.1 over its rate limit;
#   slowloris SLOW_CONNS TCP clients from 127.0.0.3: half a length prefix then silence, or a message
#             one byte a second; reconnecting when closed (over tcp_per_source 32 some are refused);
#   reloads   the config file rewritten every RELOAD_EVERY s, one reload-K service added, one removed;
#   writes    API writes every WRITE_EVERY s: PUT api-N, drain one endpoint, DELETE api-(N-40) (every
#             tenth kept), each 2xx journaled.
# Afterwards: the process is alive; its VmRSS, sampled every second, stayed under RSS_BOUND_MB (a
# breach fails the run only with STRICT_RSS=1); every journaled write is in effect (GET each
# service: present with its drains, or 404 when deleted); `stable` answers exactly its 3 passing
# endpoints, the last (unprobed) service its 3 addresses, the last reload-K service answers, and n1.fwd.test resolves
# through the stub once it is back.
#
# Env (defaults): DURATION=600, QPS=10000, SERVICES=300, FLAPPING=40, RRL_RPS=20000, RRL_BURST=2000,
# JUNK_PPS=500, FLOOD_EVERY=10, FLOOD_COUNT=20000, SLOW_CONNS=48, RELOAD_EVERY=3, WRITE_EVERY=0.2, STUB_UP=20,
# STUB_DOWN=5, RSS_BOUND_MB=128, STRICT_RSS=0, SOAK_TMP (a fresh mktemp directory; kept on
# failure), WAYFINDER_JAVA_OPTS (the launcher's), SKIP_BUILD=1 (use the jar as it is).
# Exit status: 0 when every check passes, 1 otherwise.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=${DURATION:-600}; QPS=${QPS:-10000}; SERVICES=${SERVICES:-300}; FLAPPING=${FLAPPING:-40}
RRL_RPS=${RRL_RPS:-20000}; RRL_BURST=${RRL_BURST:-2000}; JUNK_PPS=${JUNK_PPS:-500}
FLOOD_EVERY=${FLOOD_EVERY:-10}; FLOOD_COUNT=${FLOOD_COUNT:-20000}; SLOW_CONNS=${SLOW_CONNS:-48}; RELOAD_EVERY=${RELOAD_EVERY:-3}
WRITE_EVERY=${WRITE_EVERY:-0.2}; STUB_UP=${STUB_UP:-20}; STUB_DOWN=${STUB_DOWN:-5}
RSS_BOUND_MB=${RSS_BOUND_MB:-128}; STRICT_RSS=${STRICT_RSS:-0}
WORK="${SOAK_TMP:-$(mktemp -d /tmp/wayfinder-soak.XXXXXX)}"
mkdir -p "$WORK"
TMPROOT="$WORK"
TOOLS="$ROOT/bench/soak_tools.py"
FWD_NAMES=300
WF_PID=""; WRAP_PID=""; STUB_LOOP_PID=""; LOADS=(); SAMPLER_PID=""; PASSED=0

die() { echo "soak.sh: $*" >&2; exit 1; }
source "$ROOT/bench/lib.sh"

stub_pid() { cat "$WORK/stub/running.pid" 2>/dev/null || true; }
cleanup() {
  local p
  for p in "${LOADS[@]}" "$STUB_LOOP_PID" "$SAMPLER_PID"; do [ -n "$p" ] && stop_pid "$p"; done
  [ -n "$(stub_pid)" ] && stop_pid "$(stub_pid)"
  [ -n "$WF_PID" ] && stop_pid "$WF_PID"
  [ -n "$WRAP_PID" ] && stop_pid "$WRAP_PID"
  if [ "$PASSED" = 1 ] && [ -z "${SOAK_TMP:-}" ]; then rm -rf "$WORK"; else echo "soak: files kept in $WORK" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$SERVICES" -gt "$FLAPPING" ] || die "SERVICES must be more than FLAPPING"
source "$ROOT/scripts/jdk.sh"
build_wayfinder "$ROOT"

# --- the upstream stub ---
STUB_PORT=$(free_port)
mkdir -p "$WORK/stub"
{
  echo "server:"
  echo "  interface: 127.0.0.2"
  echo "  port: $STUB_PORT"
  echo "  do-ip6: no"
  echo "  num-threads: 1"
  echo "  chroot: \"\""
  echo "  username: \"\""
  echo "  directory: \"$WORK/stub\""
  echo "  pidfile: \"$WORK/stub/unbound.pid\""
  echo "  use-syslog: no"
  echo "  logfile: \"\""
  echo "  verbosity: 0"
  echo "  module-config: \"iterator\""
  echo "  access-control: 127.0.0.0/8 allow"
  echo "  local-zone: \".\" static"
  echo "  local-zone: \"fwd.test.\" static"
  echo "  local-data: \"fwd.test. 1 IN SOA ns.fwd.test. admin.fwd.test. 1 3600 600 86400 1\""
  for n in $(seq 0 $((FWD_NAMES - 1))); do
    echo "  local-data: \"n$n.fwd.test. 1 IN A 192.0.2.$((n % 250 + 1))\""
  done
  echo "remote-control:"
  echo "  control-enable: no"
} > "$WORK/stub/unbound.conf"

start_stub() {  # Unbound in the foreground of a background job; its pid in running.pid
  unbound -d -c "$WORK/stub/unbound.conf" >> "$WORK/stub/unbound.log" 2>&1 &
  echo $! > "$WORK/stub/running.pid"
  disown  # killed on purpose: no job report
  for _ in $(seq 1 50); do
    dig +tries=1 +time=1 -p "$STUB_PORT" @127.0.0.2 n1.fwd.test A 2>/dev/null \
      | grep -q 'status: NOERROR' && return 0
    sleep 0.1
  done
  die "the stub (Unbound) did not answer; see $WORK/stub/unbound.log"
}
start_stub

# --- health targets and the config ---
HEALTH_PORT=$(free_port); WF_PORT=$(free_port); ADMIN_PORT=$(free_port)
python3 "$TOOLS" health "$HEALTH_PORT" 4 2> "$WORK/health.log" &
LOADS+=($!)
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$HEALTH_PORT/ok/x" && break; sleep 0.1; done
export SOAK_PORT=$WF_PORT SOAK_ADMIN_PORT=$ADMIN_PORT SOAK_HEALTH_PORT=$HEALTH_PORT \
  SOAK_UPSTREAM="127.0.0.2:$STUB_PORT" SOAK_RRL_RPS=$RRL_RPS SOAK_RRL_BURST=$RRL_BURST SOAK_DATA_DIR="$WORK/data" \
  SOAK_SERVICES=$SERVICES SOAK_FLAPPING=$FLAPPING
CONFIG="$WORK/wayfinder.yaml"
python3 "$TOOLS" config "$CONFIG" 1
python3 "$TOOLS" queries "$WORK/queries.txt" "$SERVICES" "$FWD_NAMES"

# Started from a subshell that records its exit status; the launcher execs the JVM, so the
# subshell's one child is the daemon itself.
( "$ROOT/wayfinder" serve --config "$CONFIG" > "$WORK/wayfinder.log" 2>&1 < /dev/null
  echo $? > "$WORK/wayfinder.exit" ) &
WRAP_PID=$!
for _ in $(seq 1 100); do WF_PID=$(pgrep -P "$WRAP_PID" || true); [ -n "$WF_PID" ] && break; sleep 0.1; done
[ -n "$WF_PID" ] || die "the launcher did not start"
await_wayfinder "$WF_PID" "$WORK/wayfinder.log" "$WF_PORT" stable.svc.cluster.local
ADMIN="127.0.0.1:$ADMIN_PORT"
echo "soak: wayfinder pid=$WF_PID dns=127.0.0.1:$WF_PORT admin=$ADMIN stub=127.0.0.2:$STUB_PORT" \
  "services=$SERVICES duration=${DURATION}s qps=$QPS" >&2

# --- RSS sampled every second ---
( while kill -0 "$WF_PID" 2>/dev/null; do
    awk '/^VmRSS:/ {print $2}' "/proc/$WF_PID/status" 2>/dev/null || true
    sleep 1
  done ) > "$WORK/rss_kb.txt" &
SAMPLER_PID=$!

# --- the load, all at once ---
dnsperf -s 127.0.0.1 -p "$WF_PORT" -d "$WORK/queries.txt" -l "$DURATION" -Q "$QPS" -c 4 -T 1 \
  -q 200 -t 2 > "$WORK/dnsperf.txt" 2>&1 &
DNSPERF_PID=$!
python3 "$TOOLS" junk 127.0.0.1 "$WF_PORT" "$JUNK_PPS" "$FLOOD_EVERY" "$FLOOD_COUNT" \
  2> "$WORK/junk.log" &
LOADS+=($!)
python3 "$TOOLS" slowloris 127.0.0.1 "$WF_PORT" "$SLOW_CONNS" "$WORK/slowloris.json" &
LOADS+=($!)
python3 "$TOOLS" reloader "$CONFIG" "$RELOAD_EVERY" 2> "$WORK/reloader.log" &
LOADS+=($!)
: > "$WORK/writes.jsonl"
python3 "$TOOLS" writer "$ADMIN" "$WORK/writes.jsonl" "$WRITE_EVERY" 2> "$WORK/writer.log" &
LOADS+=($!)
( restarts=0
  trap 'kill $! 2>/dev/null; echo "$restarts" > "$WORK/stub/restarts"; exit 0' TERM
  while :; do
    sleep "$STUB_UP" & wait $!
    kill -KILL "$(stub_pid)" 2>/dev/null || true
    sleep "$STUB_DOWN" & wait $!
    unbound -d -c "$WORK/stub/unbound.conf" >> "$WORK/stub/unbound.log" 2>&1 &
    echo $! > "$WORK/stub/running.pid"
    disown
    restarts=$((restarts + 1))
  done ) &
STUB_LOOP_PID=$!

wait "$DNSPERF_PID" || true
for p in "${LOADS[@]:1}" "$STUB_LOOP_PID"; do stop_pid "$p"; done
sleep 0.5  # the stub loop's TERM trap writes its count
[ -n "$(stub_pid)" ] && kill -0 "$(stub_pid)" 2>/dev/null || start_stub

# --- checks ---
failures=()
fail() { failures+=("$*"); echo "soak: FAIL: $*" >&2; }
dig_set() {  # dig_set NAME: the sorted A records, one line
  dig +short +tries=2 +time=2 -p "$WF_PORT" @127.0.0.1 "$1" A | sort | tr '\n' ' ' | sed 's/ $//'
}

kill -0 "$WF_PID" 2>/dev/null \
  || fail "the process is gone (exit status $(cat "$WORK/wayfinder.exit" 2>/dev/null); see $WORK/wayfinder.log)"
max_rss_kb=$(sort -n "$WORK/rss_kb.txt" | tail -1); max_rss_kb=${max_rss_kb:-0}
max_rss_mb=$((max_rss_kb / 1024))
read -r kept total < <(python3 "$TOOLS" verify "$ADMIN" "$WORK/writes.jsonl" 2> "$WORK/verify.log" \
  || echo "0 -1")
[ "$kept" = "$total" ] && [ "$total" -gt 0 ] \
  || fail "writes kept: $kept of $total ($(head -5 "$WORK/verify.log" | tr '\n' ';'))"
for _ in $(seq 1 20); do
  got=$(dig_set stable.svc.cluster.local); [ "$got" = "10.9.0.1 10.9.0.2 10.9.0.3" ] && break; sleep 0.5
done
[ "$got" = "10.9.0.1 10.9.0.2 10.9.0.3" ] || fail "stable answered [$got], expected its 3 passing endpoints"
# The last service is never probed: all 3 endpoints, whatever the others do.
last=$((SERVICES - 1)); net="10.$((20 + last / 250)).$((last % 250))"
got=$(dig_set "svc-$last.svc.cluster.local")
[ "$got" = "$net.1 $net.2 $net.3" ] || fail "svc-$last answered [$got], expected $net.1-3"
last_reload=$(grep -o 'reload-[0-9]*' "$CONFIG" | sort -t- -k2 -n | tail -1)
got=""
for _ in $(seq 1 20); do
  got=$(dig_set "$last_reload.svc.cluster.local"); [ -n "$got" ] && break; sleep 0.5
done
[ -n "$got" ] || fail "$last_reload, the config file's last reload, does not answer"
got=""
for _ in $(seq 1 20); do
  got=$(dig_set n1.fwd.test); [ "$got" = "192.0.2.2" ] && break; sleep 0.5
done
[ "$got" = "192.0.2.2" ] || fail "n1.fwd.test answered [$got] with the stub up, expected 192.0.2.2"

# --- the summary ---
metrics=$(curl -s --max-time 10 "http://$ADMIN/metrics" || true)
sum_by() {  # sum_by METRIC LABEL: "value=sum ..." over the series of METRIC, by LABEL's value
  awk -v m="$1" -v l="$2" '
    index($0, m) == 1 && (substr($0, length(m) + 1, 1) == "{" || substr($0, length(m) + 1, 1) == " ") {
      k = "all"; if (match($0, l "=\"[^\"]*\"")) k = substr($0, RSTART + length(l) + 2, RLENGTH - length(l) - 3)
      s[k] += $NF }
    END { n = 0; for (k in s) { printf "%s%s", (n++ ? "," : ""), (k == "all" ? "" : k "=") sprintf("%d", s[k]) }
          if (!n) printf "0" }' <<< "$metrics"
}
sent=$(awk '/Queries sent:/ {print $3}' "$WORK/dnsperf.txt")
completed=$(awk '/Queries completed:/ {print $3}' "$WORK/dnsperf.txt")
lost=$(awk '/Queries lost:/ {print $3}' "$WORK/dnsperf.txt")
rcodes=$(awk '/Response codes:/ {sub(/.*Response codes: +/, ""); gsub(/ \([^)]*\)/, ""); gsub(/, /, ","); gsub(/ /, "="); print}' "$WORK/dnsperf.txt")
slow=$(cat "$WORK/slowloris.json" 2>/dev/null || echo '{}')
restarts=$(cat "$WORK/stub/restarts" 2>/dev/null || echo '?')
api=$(cat "$WORK/writer.log" 2>/dev/null | tail -1)
junk=$(cat "$WORK/junk.log" 2>/dev/null | tail -1)

echo "soak: ${DURATION}s, $SERVICES services ($FLAPPING flapping), dnsperf -Q $QPS, stub restarted $restarts times"
echo "soak: queries sent=${sent:-?} answered=${completed:-?} lost=${lost:-?} (dnsperf; rcodes ${rcodes:-?})"
echo "soak: hostile traffic: $junk; slowloris $slow; $api"
echo "soak: errors by kind (/metrics):"
echo "  responses by rcode: $(sum_by wayfinder_dns_responses_total rcode)"
echo "  dropped (no reply): $(sum_by wayfinder_dns_dropped_total proto)"
echo "  rate limited: $(sum_by wayfinder_dns_rate_limited_total action)"
echo "  tcp refused: $(sum_by wayfinder_dns_tcp_refused_total -)"
echo "  forward errors: $(sum_by wayfinder_forward_errors_total kind)"
echo "  forward in-flight rejects: $(sum_by wayfinder_forward_max_concurrent_rejects_total -)"
echo "  config reloads: $(sum_by wayfinder_config_reloads_total result)"
echo "  health state changes: $(sum_by wayfinder_health_state_changes_total to)"
if [ "$max_rss_mb" -gt "$RSS_BOUND_MB" ]; then
  echo "soak: max RSS $max_rss_mb MB: OVER the bound of $RSS_BOUND_MB MB"
  [ "$STRICT_RSS" = 1 ] && fail "max RSS $max_rss_mb MB over $RSS_BOUND_MB MB"
else
  echo "soak: max RSS $max_rss_mb MB (bound $RSS_BOUND_MB MB)"
fi
echo "soak: writes kept: $kept of $total"
if echo "$metrics" | grep -q '^wayfinder_config_reloads_total{result="failure"} [1-9]'; then
  fail "a config reload was rejected (see $WORK/wayfinder.log)"
fi
if [ ${#failures[@]} -gt 0 ]; then
  echo "soak: FAILED: ${failures[*]}"
  exit 1
fi
PASSED=1
echo "soak: PASSED"
