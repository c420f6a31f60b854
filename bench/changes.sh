#!/usr/bin/env bash
# Registry changes through the whole daemon at SERVICES services (dev.wayfinder.cli.ChangeProbe,
# src/jmh/java): change-to-answer latency (from the registry call returning to the new answer on
# the wire) for an added service, a removed one and a changed endpoint, median/p99/max over ROUNDS
# each; then CPU per answered query under dnsperf (../shared/bench/run.sh), quiet and with RATE
# endpoint changes a second, interleaved for CPU_ROUNDS rounds: the whole process's (srv_us_per_q,
# the changes' own work included) and its DNS threads' alone (dns_us_per_q).
#
#   bench/changes.sh                         # 100,000 services, 200 rounds, 1,000 changes/s
#   SERVICES=10000 ROUNDS=100 bench/changes.sh
#
# Env: SERVICES (100000), ROUNDS (200), RATE (1000), DURATION (10 s of dnsperf per run),
# CPU_ROUNDS (2), HEAP (512m), BENCH_TMP (/tmp/dnsbench-changes), SKIP_BUILD=1.
# Prints `uptime`, the three latency lines, one run.sh line per run, and the quiet/churn ratio.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
source "$ROOT/bench/lib.sh"
die() { echo "changes.sh: $*" >&2; exit 1; }
SERVICES=${SERVICES:-100000}; ROUNDS=${ROUNDS:-200}; RATE=${RATE:-1000}; DURATION=${DURATION:-10}
CPU_ROUNDS=${CPU_ROUNDS:-2}
export BENCH_TMP="${BENCH_TMP:-/tmp/dnsbench-changes}"
mkdir -p "$BENCH_TMP"
source "$ROOT/scripts/jdk.sh"
[ "${SKIP_BUILD:-0}" = 1 ] || build_jmh "$ROOT"
[ -s "$BENCH_TMP/data/queries.txt" ] ||
  python3 "$SHARED/gen_zone.py" --out "$BENCH_TMP/data" --services "$SERVICES" >/dev/null
CONFIG="$BENCH_TMP/wayfinder-$SERVICES.json"
[ -s "$CONFIG" ] || python3 "$ROOT/bench/gen_config.py" "$SHARED/gen_zone.py" 0 0 \
  "$BENCH_TMP/data-dir" "$CONFIG" "$SERVICES" 4
uptime
PROBE_PID=""
trap '[ -n "$PROBE_PID" ] && stop_pid "$PROBE_PID"' EXIT

# probe ROUNDS RATE SECONDS: runs ChangeProbe in the background, sets PROBE_PID, waits for its port.
probe() {
  rm -f "$BENCH_TMP/port"
  "$JAVA_HOME/bin/java" "${JAVA_FLAGS[@]}" "-Xmx${HEAP:-512m}" -XX:+UseZGC \
    "-XX:CompileCommandFile=$ROOT/scripts/jit-commands" \
    -cp "$ROOT/target/wayfinder.jar:$ROOT/target/lib/*" dev.wayfinder.cli.ChangeProbe \
    "$CONFIG" "$@" "$BENCH_TMP/port" 2> "$BENCH_TMP/probe.log" &
  PROBE_PID=$!
  for _ in $(seq 1 600); do
    [ -s "$BENCH_TMP/port" ] && return 0
    kill -0 "$PROBE_PID" 2>/dev/null || { tail -20 "$BENCH_TMP/probe.log" >&2; die "probe exited"; }
    sleep 0.2
  done
  die "probe never wrote its port"
}

# Latency: the probe prints its lines before writing the port, then serves DURATION quietly.
probe "$ROUNDS" 0 1
wait "$PROBE_PID" || true; PROBE_PID=""

dns_ticks() {  # dns_ticks PID: utime+stime (clock ticks) of the JVM's DNS event-loop threads
  local t sum=0 v
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in wayfinder-dns*)
      v=$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{print $12+$13}'); sum=$((sum + ${v:-0}));;
    esac
  done
  echo "$sum"
}

run_with() {  # run_with RATE LABEL: one dnsperf run against a probe churning at RATE
  local line d0 d1
  probe 0 "$1" $((DURATION + 14))
  # Unmeasured first (the JIT), then the measured run with the DNS threads' ticks around it.
  WARMUP=0 DURATION=5 "$SHARED/run.sh" 127.0.0.1 "$(cat "$BENCH_TMP/port")" warm-up >/dev/null
  d0=$(dns_ticks "$PROBE_PID")
  line=$(WARMUP=0 DURATION=$DURATION SERVER_PID=$PROBE_PID "$SHARED/run.sh" 127.0.0.1 \
    "$(cat "$BENCH_TMP/port")" "$2")
  d1=$(dns_ticks "$PROBE_PID")
  echo "$line" | awk -v t=$((d1 - d0)) -v hz="$(getconf CLK_TCK)" '{
    for (i = 1; i <= NF; i++) if ($i ~ /^completed=/) { split($i, kv, "="); n = kv[2] }
    printf "%s dns_us_per_q=%.2f\n", $0, t / hz * 1e6 / n }' | tee -a "$BENCH_TMP/runs.txt"
  stop_pid "$PROBE_PID"; PROBE_PID=""
}
: > "$BENCH_TMP/runs.txt"
for _ in $(seq 1 "$CPU_ROUNDS"); do
  run_with 0 quiet
  run_with "$RATE" "churn-$RATE"
done
# Two ratios: the whole process (the changes' own work included) and the DNS threads alone.
for f in srv_us_per_q dns_us_per_q; do
  awk -v f="$f" '{for (i = 1; i <= NF; i++) if (index($i, f "=") == 1) { split($i, kv, "="); sum[$1] += kv[2]; n[$1]++ } }
       END { q = sum["quiet"] / n["quiet"]; for (k in sum) if (k != "quiet")
               printf "%s quiet=%.2f %s=%.2f ratio=%.3f\n", f, q, k, sum[k] / n[k], sum[k] / n[k] / q }' \
    "$BENCH_TMP/runs.txt"
done
