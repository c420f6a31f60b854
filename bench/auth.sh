#!/usr/bin/env bash
# Authoritative benchmark: Wayfinder against Knot DNS on the same 10,000-service zone and the same
# dnsperf query mix (../shared/bench: gen_zone.py, peers.sh, run.sh), one after the other, then a
# small table with Wayfinder/Knot ratios.
#
#   bench/auth.sh
#
# Env (defaults): DURATION=15 (s, each measured run), WARMUP=3 (s, Knot's unmeasured run first),
# JVM_WARMUP=10 (s, Wayfinder's: the JIT needs longer), ROUNDS=1 (alternating runs; the table
# shows the median), SERVICES=10000, BENCH_TMP=/tmp/dnsbench, SHARED_BENCH=<repo>/../shared/bench,
# WAYFINDER_JAVA_OPTS (extra JVM flags), SKIP_BUILD=1 (use the jar as it is).
# Stops everything it started, also on Ctrl-C or failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
TMPROOT="${BENCH_TMP:-/tmp/dnsbench}"
export BENCH_TMP="$TMPROOT"
ROUNDS=${ROUNDS:-1}; SERVICES=${SERVICES:-10000}; JVM_WARMUP=${JVM_WARMUP:-10}
WORK="$TMPROOT/wayfinder"
QUERIES="$TMPROOT/data/queries.txt"
WF_PID=""; KNOT_STARTED=""

die() { echo "auth.sh: $*" >&2; exit 1; }
source "$ROOT/bench/lib.sh"
cleanup() {
  stop_pid "$WF_PID"
  [ -z "$KNOT_STARTED" ] || "$SHARED/peers.sh" stop knot >/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -x "$SHARED/run.sh" ] || die "shared bench scripts not found at $SHARED (set SHARED_BENCH)"
source "$ROOT/scripts/jdk.sh"
build_wayfinder "$ROOT"
[ -s "$QUERIES" ] || python3 "$SHARED/gen_zone.py" --out "$TMPROOT/data" >&2

# --- Wayfinder ---
mkdir -p "$WORK"
WF_PORT=$(free_port); ADMIN_PORT=$(free_port)
python3 "$ROOT/bench/gen_config.py" "$SHARED/gen_zone.py" "$WF_PORT" "$ADMIN_PORT" \
  "$WORK/data" "$WORK/wayfinder.yaml" "$SERVICES"
"$JAVA_HOME/bin/java" "${JAVA_FLAGS[@]}" -XX:+UseParallelGC ${WAYFINDER_JAVA_OPTS:-} \
  -jar "$ROOT/target/wayfinder.jar" serve --config "$WORK/wayfinder.yaml" > "$WORK/log" 2>&1 &
WF_PID=$!
await_wayfinder "$WF_PID" "$WORK/log" "$WF_PORT" s0.svc.cluster.local '198\.18\.0\.0'
echo "wayfinder pid=$WF_PID port=$WF_PORT rss_kb=$(rss_kb "$WF_PID")" >&2

# --- Knot ---
KNOT_PORT=$(free_port)
"$SHARED/peers.sh" start knot "$KNOT_PORT" >&2
KNOT_STARTED=1
KNOT_PID=$(cat "$TMPROOT/run/knot/pid")

# --- runs, alternating ---
results="$WORK/results.txt"; : > "$results"
for r in $(seq 1 "$ROUNDS"); do
  WARMUP="$JVM_WARMUP" SERVER_PID="$WF_PID" "$SHARED/run.sh" 127.0.0.1 "$WF_PORT" wayfinder \
    | tee -a "$results" >&2
  SERVER_PID="$KNOT_PID" "$SHARED/run.sh" 127.0.0.1 "$KNOT_PORT" knot | tee -a "$results" >&2
done

# --- table: medians per server, then Wayfinder/Knot ratios ---
awk '
  function field(line, key,   m) { return match(line, key "=[^ ]+") ? substr(line, RSTART + length(key) + 1, RLENGTH - length(key) - 1) : "" }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  / qps=/ { s = $1; qps[s] = qps[s] " " field($0, "qps"); avg[s] = avg[s] " " field($0, "avg_ms")
            lost[s] = lost[s] " " field($0, "lost"); us[s] = us[s] " " field($0, "srv_us_per_q"); n[s]++ }
  END {
    printf "%-10s %5s %10s %8s %8s %10s\n", "server", "runs", "qps", "avg_ms", "lost", "srv_us/q"
    split("wayfinder knot", order, " ")
    for (i = 1; i <= 2; i++) { s = order[i]; if (!(s in n)) continue
      mq[s] = median(qps[s]); ma[s] = median(avg[s]); ml[s] = median(lost[s]); mu[s] = median(us[s])
      printf "%-10s %5d %10.0f %8.3f %8d %10.2f\n", s, n[s], mq[s], ma[s], ml[s], mu[s] }
    if (("wayfinder" in n) && ("knot" in n) && mq["knot"] > 0 && ma["knot"] > 0 && mu["knot"] > 0)
      printf "%-10s %5s %10.2f %8.2f %8s %10.2f\n", "wf/knot", "", mq["wayfinder"] / mq["knot"],
             ma["wayfinder"] / ma["knot"], "", mu["wayfinder"] / mu["knot"]
  }' "$results"
echo "(raw lines: $results; dnsperf output: $TMPROOT/results/)"
