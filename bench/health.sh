#!/usr/bin/env bash
# Health benchmark: 10,000 endpoints probed over HTTP every second against a local nginx, with the
# DNS server answering dnsperf at the same time; compared with the same zone without probing.
#
#   bench/health.sh
#
# What runs (everything it starts is stopped on exit, Ctrl-C or failure):
#   nginx   127.0.0.1:free port, `return 200 "ok"` for every path, access log counted for probes/s;
#   zone    bench/gen_config.py's 10,000 services (s0..s9999, 4 endpoints each); the first
#           PROBED_SERVICES (2,500 = 10,000 endpoints) get health http://127.0.0.1:PORT/health/{},
#           interval 1s, timeout 500ms, so the endpoint addresses themselves are never contacted;
#   run A   Wayfinder without health sections: JVM warm-up, then ../shared/bench/run.sh (qps alone);
#   run B   Wayfinder with them: PROBE_WINDOW s of probing alone (probes/s, Wayfinder and nginx CPU),
#           then run.sh for DURATION s while probing (probes/s under load, qps), then the ratio.
#
# Env (defaults): DURATION=30, PROBE_WINDOW=10, JVM_WARMUP=10, PROBED_SERVICES=2500,
# BENCH_TMP=/tmp/dnsbench, SHARED_BENCH=<repo>/../shared/bench, WAYFINDER_JAVA_OPTS, SKIP_BUILD=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
TMPROOT="${BENCH_TMP:-/tmp/dnsbench}"
export BENCH_TMP="$TMPROOT"
DURATION=${DURATION:-30}; PROBE_WINDOW=${PROBE_WINDOW:-10}; JVM_WARMUP=${JVM_WARMUP:-10}
PROBED=${PROBED_SERVICES:-2500}
WORK="$TMPROOT/health"
QUERIES="$TMPROOT/data/queries.txt"
WF_PID=""; NGINX_PID=""

die() { echo "health.sh: $*" >&2; exit 1; }
source "$ROOT/bench/lib.sh"
cleanup() { stop_pid "$WF_PID"; stop_pid "$NGINX_PID"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

probes() { wc -l < "$WORK/access.log"; }

[ -x "$SHARED/run.sh" ] || die "shared bench scripts not found at $SHARED (set SHARED_BENCH)"
command -v nginx >/dev/null || die "nginx missing: apt-get install -y nginx-light"
source "$ROOT/scripts/jdk.sh"
build_wayfinder "$ROOT"
[ -s "$QUERIES" ] || python3 "$SHARED/gen_zone.py" --out "$TMPROOT/data" >&2
rm -rf "$WORK"; mkdir -p "$WORK"

# --- nginx: the health target ---
NGINX_PORT=$(free_port)
cat > "$WORK/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log $WORK/access.log;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK;
  uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { return 200 "ok"; }
  }
}
CONF
nginx -p "$WORK" -c "$WORK/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$NGINX_PORT/x" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$NGINX_PORT/x" >/dev/null || die "nginx did not start (see $WORK/nginx-error.log)"

# --- configs: the same zone, with and without health on the first $PROBED services ---
WF_PORT=$(free_port); ADMIN_PORT=$(free_port)
python3 "$ROOT/bench/gen_config.py" "$SHARED/gen_zone.py" "$WF_PORT" "$ADMIN_PORT" \
  "$WORK/data" "$WORK/plain.yaml" 10000
awk -v n="$PROBED" -v port="$NGINX_PORT" '
  /^  - name: s/ { svc++ }
  { print }
  /^    ttl: / && svc <= n {
    printf "    health: {type: http, target: \"http://127.0.0.1:%s/health/{}\", interval: 1s, timeout: 500ms, rise: 2, fall: 3}\n", port
  }' "$WORK/plain.yaml" > "$WORK/probed.yaml"

run_wayfinder() {  # $1 = config, $2 = log: java directly, Parallel GC (the flags measured here)
  "$JAVA_HOME/bin/java" "${JAVA_FLAGS[@]}" -XX:+UseParallelGC ${WAYFINDER_JAVA_OPTS:-} \
    -jar "$ROOT/target/wayfinder.jar" serve --config "$1" > "$2" 2>&1 &
  WF_PID=$!
  await_wayfinder "$WF_PID" "$2" "$WF_PORT" s0.svc.cluster.local '198\.18\.0\.0'
}
hz=$(getconf CLK_TCK)

# --- run A: no probing ---
run_wayfinder "$WORK/plain.yaml" "$WORK/plain.log"
WARMUP=0 DURATION="$JVM_WARMUP" "$SHARED/run.sh" 127.0.0.1 "$WF_PORT" warmup-plain > /dev/null
PLAIN=$(DURATION="$DURATION" WARMUP=0 SERVER_PID="$WF_PID" "$SHARED/run.sh" 127.0.0.1 "$WF_PORT" wayfinder-no-probes)
echo "$PLAIN"
stop_pid "$WF_PID"; WF_PID=""

# --- run B: 10,000 endpoints probed every second ---
run_wayfinder "$WORK/probed.yaml" "$WORK/probed.log"
WARMUP=0 DURATION="$JVM_WARMUP" "$SHARED/run.sh" 127.0.0.1 "$WF_PORT" warmup-probed > /dev/null
p0=$(probes); w0=$(proc_ticks "$WF_PID"); n0=$(proc_ticks "$NGINX_PID"); t0=$(date +%s.%N)
sleep "$PROBE_WINDOW"
p1=$(probes); w1=$(proc_ticks "$WF_PID"); n1=$(proc_ticks "$NGINX_PID"); t1=$(date +%s.%N)
awk -v p=$((p1 - p0)) -v w=$((w1 - w0)) -v n=$((n1 - n0)) -v t0="$t0" -v t1="$t1" -v hz="$hz" 'BEGIN {
  s = t1 - t0
  printf "probing alone: probes_per_s=%.0f wayfinder_cpu=%.0f%% (of one core) nginx_cpu=%.0f%% window_s=%.1f\n",
         p / s, 100 * w / hz / s, 100 * n / hz / s, s }'
p0=$(probes); t0=$(date +%s.%N)
PROBED_LINE=$(DURATION="$DURATION" WARMUP=0 SERVER_PID="$WF_PID" "$SHARED/run.sh" 127.0.0.1 "$WF_PORT" wayfinder-probing)
p1=$(probes); t1=$(date +%s.%N)
echo "$PROBED_LINE"
awk -v p=$((p1 - p0)) -v t0="$t0" -v t1="$t1" 'BEGIN {
  printf "probing under DNS load: probes_per_s=%.0f\n", p / (t1 - t0) }'
unhealthy=$(grep -c ' HEALTHY -> UNHEALTHY' "$WORK/probed.log" || true)
first_bad=$(grep -c 'UNKNOWN -> UNHEALTHY' "$WORK/probed.log" || true)
echo "endpoints turned unhealthy during the run: $unhealthy (log: $WORK/probed.log)"
echo "first verdicts unhealthy (the first probe failed; every endpoint is up): $first_bad"
qps() { sed -n 's/.* qps=\([0-9]*\).*/\1/p' <<<"$1"; }
awk -v a="$(qps "$PLAIN")" -v b="$(qps "$PROBED_LINE")" 'BEGIN {
  printf "dns qps: no probes %d, probing %d, ratio %.2f\n", a, b, b / a }'
