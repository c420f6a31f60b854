#!/usr/bin/env bash
# The scale target's load time, as an operator sees it: `./wayfinder serve` with a config of
# SERVICES services of ENDPOINTS endpoints and an SRV port each (gen_config.py: 3 is the target's
# shape, three IPv4 endpoints; 4 adds the IPv6 one of the query benchmark's zone), from launch
# until the first answer for the last service (first_answer.py polls every 5 ms; dig confirms);
# RUNS times for each FORMATS (the same config as YAML and as JSON). Also prints what the daemon
# logged (config read, start), its RSS then, and the CPU seconds the JVM had spent by then: in all,
# on the main thread, in the JIT compilers, in the GC.
#
#   bench/load.sh                              # 100,000 services, yaml and json, 3 runs, -Xmx512m
#   SERVICES=10000 FORMATS=yaml RUNS=1 bench/load.sh
#   ENDPOINTS=4 FORMATS=json bench/load.sh      # the query benchmark's zone (400,000 endpoints)
#
# Env: SERVICES (100000), ENDPOINTS (3), FORMATS ("yaml json"), RUNS (3), HEAP (512m: the target's heap limit;
# empty = the JVM's default), BENCH_TMP (/tmp/wayfinder-load). Prints `uptime` first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
SERVICES=${SERVICES:-100000}; ENDPOINTS=${ENDPOINTS:-3}; RUNS=${RUNS:-3}; HEAP=${HEAP-512m}
TMP=${BENCH_TMP:-/tmp/wayfinder-load}
GEN_ZONE=${GEN_ZONE:-$ROOT/../shared/bench/gen_zone.py}
mkdir -p "$TMP"
PID=""
trap '[ -z "$PID" ] || stop_pid "$PID"' EXIT
PORT=$(free_port)
ADMIN=$(free_port)
LAST="s$((SERVICES - 1)).svc.cluster.local"

once() {  # once CONFIG: "ms read-ms start-ms rss-MB cpu-s main-s jit-s gc-s" for one start; stops it
  local ms out log="$TMP/serve.log" rss cpu
  out=$(cd "$ROOT" && WAYFINDER_JAVA_OPTS="${HEAP:+-Xmx$HEAP}" \
    python3 bench/first_answer.py "$PORT" "$LAST" "$log" 120 -- ./wayfinder serve --config "$1") \
    || { cat "$log" >&2; echo "load.sh: no answer" >&2; exit 1; }
  read -r PID ms <<< "$out"
  dig +tries=1 +time=2 -p "$PORT" @127.0.0.1 "$LAST" A | grep -q 'status: NOERROR' \
    || { echo "load.sh: dig got no answer" >&2; exit 1; }
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$PID/status" 2>/dev/null || echo "?")
  cpu=$(cpu_split "$PID")
  until grep -q "serving zone" "$log"; do sleep 0.02; done
  stop_pid "$PID"; PID=""
  echo "$ms $(sed -n 's/.* read in \([0-9]*\) ms.*/\1/p' "$log") \
$(sed -n 's/.*, \([0-9]*\) ms after the config was read.*/\1/p' "$log") $rss $cpu"
}

(cd "$ROOT" && ./wayfinder version >/dev/null)  # builds the jar first if needed
uptime; echo "host speed: $(host_speed) s for a 10M-step Python loop (0.47 at this host's fastest)"
printf '%-5s %8s %10s %10s %8s %8s %6s %6s %6s   (%d services x %d endpoints, heap limit %s)\n' \
  format "first ms" "config ms" "start ms" "RSS MB" "CPU s" main JIT GC "$SERVICES" "$ENDPOINTS" \
  "${HEAP:-default}"
for format in ${FORMATS:-yaml json}; do
  config="$TMP/wf${SERVICES}x$ENDPOINTS.$format"
  python3 "$ROOT/bench/gen_config.py" "$GEN_ZONE" "$PORT" "$ADMIN" "$TMP/data" "$config" \
    "$SERVICES" "$ENDPOINTS"
  for _ in $(seq 1 "$RUNS"); do
    read -r ms read start rss cpu main jit gc <<< "$(once "$config")"
    printf '%-5s %8s %10s %10s %8s %8s %6s %6s %6s\n' \
      "$format" "$ms" "$read" "$start" "$rss" "$cpu" "$main" "$jit" "$gc"
  done
done
