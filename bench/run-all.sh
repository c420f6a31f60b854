#!/usr/bin/env bash
# The whole comparison in one command: Wayfinder against Knot and NSD (authoritative, the shared
# 10,000-service zone and query mix), and Wayfinder -> Knot against Unbound -> Knot (cached
# forwarding of the same names, which are outside the forwarding Wayfinder's own zone), each run
# with dnsperf the same way (../shared/bench/run.sh), interleaved; then fixed-rate runs per server
# for latency percentiles; then one table with ratios.
#
#   bench/run-all.sh
#   DURATION=5 JVM_WARMUP=5 bench/run-all.sh      # quicker
#   ROUNDS=3 bench/run-all.sh                     # interleaved rounds, the table shows medians
#
# Env (defaults): DURATION=15 (s, each saturating run), WARMUP=3 (s, unmeasured run first),
# JVM_WARMUP=10 (s, the first warm-up of each Wayfinder, for the JIT), ROUNDS=1, RATE=50000
# (queries/s of the fixed-rate runs; 0 skips them), RATE_DURATION=10, RATE_ROUNDS=ROUNDS (fixed-rate
# runs per server, interleaved; the table shows medians), SERVERS="wayfinder knot nsd
# wf-fwd unbound", SERVICES=10000 (zone size; another size needs its own BENCH_TMP, e.g.
# SERVICES=100000 BENCH_TMP=/tmp/dnsbench-100k), BENCH_TMP=/tmp/dnsbench, SHARED_BENCH=<repo>/../shared/bench,
# WAYFINDER_JAVA_OPTS (extra JVM flags for both Wayfinders), SKIP_BUILD=1.
# rss_MB in the table: the median over the saturating runs of the largest RSS sampled (every 0.2 s)
# during each run, its warm-up included; after the table, each server's peak and its VmHWM.
# Stops everything it started, also on Ctrl-C or failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
TMPROOT="${BENCH_TMP:-/tmp/dnsbench}"
export BENCH_TMP="$TMPROOT"
ROUNDS=${ROUNDS:-1}; SERVICES=${SERVICES:-10000}; JVM_WARMUP=${JVM_WARMUP:-10}
RATE=${RATE:-50000}; RATE_DURATION=${RATE_DURATION:-10}; RATE_ROUNDS=${RATE_ROUNDS:-$ROUNDS}
SERVERS=${SERVERS:-"wayfinder knot nsd wf-fwd unbound"}
WORK="$TMPROOT/run-all"
QUERIES="$TMPROOT/data/queries.txt"
declare -A PORT PID
WF_PIDS=(); PEERS=()

die() { echo "run-all.sh: $*" >&2; exit 1; }
source "$ROOT/bench/lib.sh"
cleanup() {
  local p n
  for p in "${WF_PIDS[@]}"; do stop_pid "$p"; done
  for n in "${PEERS[@]}"; do "$SHARED/peers.sh" stop "$n" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
wants() { [[ " $SERVERS " == *" $1 "* ]]; }

[ -x "$SHARED/run.sh" ] || die "shared bench scripts not found at $SHARED (set SHARED_BENCH)"
source "$ROOT/scripts/jdk.sh"
build_wayfinder "$ROOT"
# The zone and queries cover SERVICES services; another size needs its own BENCH_TMP.
[ -s "$QUERIES" ] || python3 "$SHARED/gen_zone.py" --out "$TMPROOT/data" --services "$SERVICES" >&2
mkdir -p "$WORK"; echo "uptime before: $(uptime); host speed $(host_speed) s (10M-step Python loop)" >&2

# --- servers: Knot first, as the upstream of both forwarders ---
start_peer() {  # start_peer NAME [UPSTREAM_PORT]
  PORT[$1]=$(free_port)
  "$SHARED/peers.sh" start "$1" "${PORT[$1]}" ${2:-} >&2
  PEERS+=("$1"); PID[$1]=$(cat "$TMPROOT/run/$1/pid")
}
start_peer knot
wants nsd && start_peer nsd
wants unbound && start_peer unbound "${PORT[knot]}"
if wants wayfinder; then
  PORT[wayfinder]=$(free_port)
  python3 "$ROOT/bench/gen_config.py" "$SHARED/gen_zone.py" "${PORT[wayfinder]}" "$(free_port)" \
    "$WORK/data-auth" "$WORK/auth.yaml" "$SERVICES"
  PID[wayfinder]=$(start_wayfinder "$ROOT" "$WORK/auth.yaml" "$WORK/auth.log" "${PORT[wayfinder]}" \
    s0.svc.cluster.local)
  WF_PIDS+=("${PID[wayfinder]}")
fi
if wants wf-fwd; then
  PORT[wf-fwd]=$(free_port)
  write_forward_config "$WORK/fwd.yaml" "${PORT[wf-fwd]}" "$(free_port)" "$WORK/data-fwd" \
    "${PORT[knot]}"
  PID[wf-fwd]=$(start_wayfinder "$ROOT" "$WORK/fwd.yaml" "$WORK/fwd.log" "${PORT[wf-fwd]}" \
    s0.svc.cluster.local)
  WF_PIDS+=("${PID[wf-fwd]}")
fi
for s in $SERVERS; do
  echo "$s pid=${PID[$s]} port=${PORT[$s]} rss_kb=$(rss_kb "${PID[$s]}") (loaded)" >&2
done

# --- saturating runs, interleaved; the first run of each JVM gets the long warm-up ---
results="$WORK/results.txt"; : > "$results"
declare -A warmed
for r in $(seq 1 "$ROUNDS"); do
  for s in $SERVERS; do
    w=${WARMUP:-3}
    if [[ $s == wayfinder || $s == wf-fwd ]] && [ -z "${warmed[$s]:-}" ]; then w=$JVM_WARMUP; fi
    warmed[$s]=1
    rss_watch "${PID[$s]}" "$WORK/rss-$s" & watcher=$!
    line=$(WARMUP=$w SERVER_PID="${PID[$s]}" "$SHARED/run.sh" 127.0.0.1 "${PORT[$s]}" "$s")
    kill "$watcher" 2>/dev/null || true; wait "$watcher" 2>/dev/null || true
    echo "$line load1=$(cut -d' ' -f1 /proc/loadavg) rss_kb=$(rss_peak "$WORK/rss-$s")" \
      | tee -a "$results" >&2
  done
done

# --- fixed rate: per-query latencies from dnsperf -v, percentiles ---
# One 10 s run's p99 swings by a factor of two on a 2-core VM (Knot 0.51-1.31 ms in five runs,
# docs/performance.md "2026-12-02"), so RATE_ROUNDS interleaved rounds and the table's medians.
if [ "$RATE" != 0 ]; then
  for _ in $(seq 1 "$RATE_ROUNDS"); do
    for s in $SERVERS; do
      fixed_rate_run "$s" "${PORT[$s]}" "${PID[$s]}" "$RATE" "$RATE_DURATION" | tee -a "$results" >&2
    done
  done
fi

echo "uptime after: $(uptime)" >&2
summarize "$results"
# Peak memory: the largest RSS sampled while each server was measured (warm-ups included), and
# the kernel's peak since it started (VmHWM: start-up and the JIT's first compilations too).
for s in $SERVERS; do
  printf '%-10s max RSS %4d MB while measured, VmHWM %4d MB since start\n' "$s" \
    $(( $(awk -v s="$s" '$1 == s && / rss_kb=/ {sub(/.* rss_kb=/, ""); if ($1 > m) m = $1} END {print m + 0}' "$results") / 1024 )) \
    $(( $(hwm_kb "${PID[$s]}") / 1024 ))
done
echo "(raw lines: $results; dnsperf output: $TMPROOT/results/)"
