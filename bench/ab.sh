#!/usr/bin/env bash
# Did this change move it? Two Wayfinder builds (two checkouts) served side by side with the same
# zone and query mix, saturating dnsperf rounds interleaved A B B A ... (drift cancels out), and
# Knot for reference; per round the server's CPU per answered query, then medians and ratios.
#
#   bench/ab.sh /work/main /work/wt-branch           # A = before, B = after
#   ROUNDS=6 DURATION=10 bench/ab.sh A B
#
# Env (defaults): ROUNDS=4, DURATION=10, JVM_WARMUP=10 (s, first run of each JVM), SERVICES=10000,
# WITH_KNOT=1, BENCH_TMP=/tmp/dnsbench-ab, SHARED_BENCH=<repo>/../shared/bench, WAYFINDER_JAVA_OPTS
# (both), OPTS_A / OPTS_B (one side's JVM flags instead: A and B may then be the same checkout),
# QUERY_LOG_A / QUERY_LOG_B (one side's query_log section, default off; auth mode), e.g.
# QUERY_LOG_B='{mode: full, path: /dev/null}' bench/ab.sh . .
# RATE_LIMIT_A / RATE_LIMIT_B (one side's dns.rate_limit section, default none; auth mode), e.g.
# RATE_LIMIT_B='{per_source_rps: 100000000, global_rps: 100000000}' bench/ab.sh . .
# MODE=forward: each Wayfinder is instead a caching forwarder in front of Knot (run-all.sh's
# wf-fwd), and the reference is Unbound forwarding to the same Knot; after the warm-up the query mix
# is cached forwarding for all three.
# Each checkout's own launcher builds it when its sources changed. Stops what it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 2 ] || { echo "usage: bench/ab.sh CHECKOUT_A CHECKOUT_B" >&2; exit 2; }
A="$(cd "$1" && pwd)"; B="$(cd "$2" && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
TMPROOT="${BENCH_TMP:-/tmp/dnsbench-ab}"
export BENCH_TMP="$TMPROOT" DURATION="${DURATION:-10}"
ROUNDS=${ROUNDS:-4}; SERVICES=${SERVICES:-10000}; JVM_WARMUP=${JVM_WARMUP:-10}
declare -A SIZE=([A]="${SERVICES_A:-$SERVICES}" [B]="${SERVICES_B:-$SERVICES}") QFILE
WORK="$TMPROOT/ab"; QUERIES="$TMPROOT/data/queries.txt"
declare -A PORT PID ROOTS=([A]="$A" [B]="$B")
WF_PIDS=(); KNOT=0; UNBOUND=0; MODE=${MODE:-auth}
[[ $MODE == auth || $MODE == forward ]] || { echo "ab.sh: MODE is auth or forward" >&2; exit 2; }

die() { echo "ab.sh: $*" >&2; exit 1; }
source "$ROOT/bench/lib.sh"
cleanup() {
  local p
  for p in "${WF_PIDS[@]}"; do stop_pid "$p"; done
  [ "$KNOT" = 1 ] && "$SHARED/peers.sh" stop knot >/dev/null 2>&1 || true
  [ "$UNBOUND" = 1 ] && "$SHARED/peers.sh" stop unbound >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -x "$SHARED/run.sh" ] || die "shared bench scripts not found at $SHARED (set SHARED_BENCH)"
# SERVICES_A / SERVICES_B: one side's zone size instead (the same build on both sides then measures
# what a larger zone costs, e.g. SERVICES_B=100000: the scale target), each side with the queries
# of its own zone (kept in BENCH_TMP/data-N); Knot serves SERVICES's.
# The zone and queries cover SERVICES services; another size needs its own BENCH_TMP.
[ -s "$QUERIES" ] || python3 "$SHARED/gen_zone.py" --out "$TMPROOT/data" --services "$SERVICES" >&2
for s in A B; do
  QFILE[$s]=$QUERIES
  if [ "${SIZE[$s]}" != "$SERVICES" ]; then
    QFILE[$s]="$TMPROOT/data-${SIZE[$s]}/queries.txt"
    [ -s "${QFILE[$s]}" ] || python3 "$SHARED/gen_zone.py" --out "$TMPROOT/data-${SIZE[$s]}" \
      --services "${SIZE[$s]}" >&2
  fi
done
mkdir -p "$WORK"; echo "uptime before: $(uptime); host speed $(host_speed) s (10M-step Python loop)" >&2
order=(A B)
if [ "$MODE" = forward ] || [ "${WITH_KNOT:-1}" = 1 ]; then
  PORT[knot]=$(free_port); "$SHARED/peers.sh" start knot "${PORT[knot]}" >&2; KNOT=1
  PID[knot]=$(cat "$TMPROOT/run/knot/pid")
fi
if [ "$MODE" = forward ]; then
  PORT[unbound]=$(free_port); "$SHARED/peers.sh" start unbound "${PORT[unbound]}" "${PORT[knot]}" >&2
  UNBOUND=1; PID[unbound]=$(cat "$TMPROOT/run/unbound/pid"); order+=(unbound)
elif [ "$KNOT" = 1 ]; then
  order+=(knot)
fi
for s in A B; do
  PORT[$s]=$(free_port)
  if [ "$MODE" = forward ]; then
    write_forward_config "$WORK/$s.yaml" "${PORT[$s]}" "$(free_port)" "$WORK/data-$s" "${PORT[knot]}"
  else
    ql_var="QUERY_LOG_$s"; rl_var="RATE_LIMIT_$s"
    QUERY_LOG="${!ql_var:-}" RATE_LIMIT="${!rl_var:-}" python3 "$ROOT/bench/gen_config.py" "$SHARED/gen_zone.py" \
      "${PORT[$s]}" "$(free_port)" \
      "$WORK/data-$s" "$WORK/$s.yaml" "${SIZE[$s]}"
  fi
  opts_var="OPTS_$s"
  PID[$s]=$(WAYFINDER_JAVA_OPTS="${!opts_var:-${WAYFINDER_JAVA_OPTS:-}}" start_wayfinder \
    "${ROOTS[$s]}" "$WORK/$s.yaml" "$WORK/$s.log" "${PORT[$s]}" s0.svc.cluster.local)
  WF_PIDS+=("${PID[$s]}")
done

results="$WORK/results.txt"; : > "$results"
declare -A warmed
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 == 0 )); then seq_=("${order[@]}"); seq_=($(printf '%s\n' "${seq_[@]}" | tac)); else seq_=("${order[@]}"); fi
  for s in "${seq_[@]}"; do
    w=${WARMUP:-3}
    if [[ $s == [AB] ]] && [ -z "${warmed[$s]:-}" ]; then w=$JVM_WARMUP; fi
    warmed[$s]=1
    line=$(QUERIES="${QFILE[$s]:-$QUERIES}" WARMUP=$w SERVER_PID="${PID[$s]}" \
      "$SHARED/run.sh" 127.0.0.1 "${PORT[$s]}" "$s")
    echo "round=$r $line load1=$(cut -d' ' -f1 /proc/loadavg) rss_kb=$(rss_kb "${PID[$s]}")" \
      | tee -a "$results" >&2
  done
done
echo "uptime after: $(uptime)" >&2
python3 - "$results" "$A" "$B" "${OPTS_A:-} (${SIZE[A]} services)${RATE_LIMIT_A:+ rate_limit $RATE_LIMIT_A}" \
  "${OPTS_B:-} (${SIZE[B]} services)${RATE_LIMIT_B:+ rate_limit $RATE_LIMIT_B}" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    f = dict(re.findall(r'(\w+)=(\S+)', line))
    name = line.split()[1]
    rows.setdefault(name, []).append(
        (float(f['qps']), float(f['srv_us_per_q']), int(f['lost']), int(f['rss_kb']) >> 10))
print(f"A = {sys.argv[2]} {sys.argv[4]}\nB = {sys.argv[3]} {sys.argv[5]}")
print(f"{'server':8} {'rounds':>6} {'qps':>9} {'us/q':>6} {'lost':>5} {'rss_MB':>6}  us/q per round")
med = {}
for name, rs in rows.items():
    med[name] = (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs))
    print(f"{name:8} {len(rs):6d} {med[name][0]:9.0f} {med[name][1]:6.2f} {sum(r[2] for r in rs):5d} "
          f"{rs[-1][3]:6d}  "
          + " ".join(f"{r[1]:.2f}" for r in rs))
peer = next((p for p in ("unbound", "knot") if p in med), None)
pairs = [("B", "A")] + ([("A", peer), ("B", peer)] if peer else [])
for x, y in pairs:
    print(f"{x}/{y}: qps {med[x][0] / med[y][0]:.2f}, CPU/query {med[x][1] / med[y][1]:.2f}")
PY
