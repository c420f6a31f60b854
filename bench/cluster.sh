#!/usr/bin/env bash
# Cluster benchmark: three Wayfinder nodes sharing one etcd, each probing the same 10,000 endpoints
# every second, while a small share of the endpoints goes down and comes back. Shows that etcd
# writes follow verdict changes, not probes (3 nodes x 10,000 endpoints x 1/s = 30,000 probes/s).
#
#   bench/cluster.sh                       # ~2 min: 60 s measured
#   DURATION=20 FLIPS_PER_S=50 bench/cluster.sh
#
# What runs (everything it starts is stopped on exit, Ctrl-C or failure):
#   etcd    /usr/bin/etcd, one member on free loopback ports, data in a temp dir (on /dev/shm);
#   nginx   127.0.0.1:free port: /h/ADDRESS answers 503 while the file down/ADDRESS exists, else 200;
#   nodes   n1, n2, n3 (java -jar, Parallel GC), one config: SERVICES services x 4 endpoints, health
#           http://127.0.0.1:PORT/h/{} every 1s, timeout 500ms, rise 2, fall 3 (the addresses
#           themselves are never contacted), cluster {etcd, prefix /bench-PID, lease_ttl 5s};
#   flipper each second takes FLIPS_PER_S endpoints down and brings back those taken down HOLD s
#           before, so every flip is two verdict changes on every node.
# Once all three nodes see three live members and the first verdicts are written (etcd's put count
# stops climbing), the flipper starts; after HOLD + 3 s the window of DURATION s is measured.
#
# Env (defaults): DURATION=60, SERVICES=2500 (x 4 endpoints), FLIPS_PER_S=100 (0: no flips),
# HOLD=5, BENCH_TMP=/tmp/dnsbench, WAYFINDER_JAVA_OPTS, SKIP_BUILD=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMPROOT="${BENCH_TMP:-/tmp/dnsbench}"
DURATION=${DURATION:-60}; SERVICES=${SERVICES:-2500}; FLIPS=${FLIPS_PER_S:-100}; HOLD=${HOLD:-5}
WORK="$TMPROOT/cluster"
NODES=(n1 n2 n3)
ETCD_PID=""; NGINX_PID=""; FLIP_PID=""; NODE_PIDS=(); ETCD_DIR=""

die() { echo "cluster.sh: $*" >&2; exit 1; }
source "$ROOT/bench/lib.sh"
cleanup() {
  stop_pid "$FLIP_PID"
  for p in "${NODE_PIDS[@]}"; do stop_pid "$p"; done
  stop_pid "$NGINX_PID"; stop_pid "$ETCD_PID"
  [ -n "$ETCD_DIR" ] && rm -rf "$ETCD_DIR"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -x /usr/bin/etcd ] || die "etcd missing: apt-get install -y etcd-server"
command -v nginx >/dev/null || die "nginx missing: apt-get install -y nginx-light"
source "$ROOT/scripts/jdk.sh"
build_wayfinder "$ROOT"
rm -rf "$WORK"; mkdir -p "$WORK/down"
hz=$(getconf CLK_TCK)

# metric NAME URL: the sum of every series NAME (with or without labels) in a Prometheus text page
metric() {
  curl -sf --max-time 5 "$2" | awk -v n="$1" '
    index($0, n) == 1 { r = substr($0, length(n) + 1); c = substr(r, 1, 1)
      if (c == "{" || c == " ") { sub(/^\{[^}]*\}/, "", r); s += r } }
    END { printf "%.0f\n", s }'
}
node_sum() {  # node_sum NAME: the metric summed over the three nodes
  local t=0 v p
  for p in "${ADMIN_PORTS[@]}"; do v=$(metric "$1" "http://127.0.0.1:$p/metrics"); t=$((t + v)); done
  echo "$t"
}
etcd_metric() { metric "$1" "http://127.0.0.1:$ETCD_CLIENT/metrics"; }

# --- etcd: one member ---
ETCD_CLIENT=$(free_port); ETCD_PEER=$(free_port)
if [ -d /dev/shm ] && [ -w /dev/shm ]; then ETCD_DIR=$(mktemp -d /dev/shm/bench-etcd.XXXXXX)
else ETCD_DIR=$(mktemp -d "$WORK/etcd.XXXXXX"); fi
/usr/bin/etcd --name=bench --data-dir="$ETCD_DIR" \
  --listen-client-urls="http://127.0.0.1:$ETCD_CLIENT" --advertise-client-urls="http://127.0.0.1:$ETCD_CLIENT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER" \
  --initial-cluster="bench=http://127.0.0.1:$ETCD_PEER" --initial-cluster-state=new \
  --logger=zap --log-level=warn > "$WORK/etcd.log" 2>&1 &
ETCD_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$ETCD_CLIENT/health" | grep -q '"true"' && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$ETCD_CLIENT/health" | grep -q '"true"' || die "etcd did not start (see $WORK/etcd.log)"

# --- nginx: the health target, 503 for an address whose file is in down/ ---
NGINX_PORT=$(free_port)
cat > "$WORK/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK;
  uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location ~ ^/h/(?<ep>[0-9a-f.:]+)\$ {
      if (-f $WORK/down/\$ep) { return 503 "down"; }
      return 200 "ok";
    }
  }
}
CONF
nginx -p "$WORK" -c "$WORK/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$NGINX_PORT/h/10.0.0.1" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$NGINX_PORT/h/10.0.0.1" >/dev/null || die "nginx did not start (see $WORK/nginx-error.log)"

# --- three nodes, one services list ---
python3 - "$SERVICES" "$NGINX_PORT" > "$WORK/services.yaml" <<'PY'
import sys
n, port = int(sys.argv[1]), sys.argv[2]
print("services:")
for i in range(n):
    a, b = divmod(i, 256)
    print(f"  - name: c{i}")
    print("    endpoints: [" + ", ".join(f"{{address: 10.{a}.{b}.{k}}}" for k in range(1, 5)) + "]")
    print(f'    health: {{type: http, target: "http://127.0.0.1:{port}/h/{{}}", interval: 1s,'
          ' timeout: 500ms, rise: 2, fall: 3}')
PY
awk '/address:/ { while (match($0, /address: [0-9.]+/)) { print substr($0, RSTART + 9, RLENGTH - 9); $0 = substr($0, RSTART + RLENGTH) } }' \
  "$WORK/services.yaml" > "$WORK/addresses.txt"
ENDPOINTS=$(wc -l < "$WORK/addresses.txt")
DNS_PORTS=(); ADMIN_PORTS=()
for node in "${NODES[@]}"; do
  dns=$(free_port); admin=$(free_port); DNS_PORTS+=("$dns"); ADMIN_PORTS+=("$admin")
  { cat <<EOF
dns:
  listen: ["127.0.0.1:$dns"]
  zone: svc.cluster.local
  forward: {upstreams: []}
admin:
  listen: "127.0.0.1:$admin"
data_dir: "$WORK/data-$node"
query_log: {mode: "off"}
cluster:
  node: $node
  etcd: ["http://127.0.0.1:$ETCD_CLIENT"]
  prefix: /bench-$$
  lease_ttl: 5s
EOF
    cat "$WORK/services.yaml"; } > "$WORK/$node.yaml"
  "$JAVA_HOME/bin/java" "${JAVA_FLAGS[@]}" -XX:+UseParallelGC ${WAYFINDER_JAVA_OPTS:-} \
    -jar "$ROOT/target/wayfinder.jar" serve --config "$WORK/$node.yaml" > "$WORK/$node.log" 2>&1 < /dev/null &
  NODE_PIDS+=($!)
done
for i in 0 1 2; do
  await_wayfinder "${NODE_PIDS[$i]}" "$WORK/${NODES[$i]}.log" "${DNS_PORTS[$i]}" c0.svc.cluster.local
done
echo "etcd pid=$ETCD_PID, nginx pid=$NGINX_PID, nodes ${NODE_PIDS[*]}; $ENDPOINTS endpoints per node; uptime: $(uptime)" >&2

for _ in $(seq 1 600); do  # three live members on every node
  ok=0
  for p in "${ADMIN_PORTS[@]}"; do
    curl -sf "http://127.0.0.1:$p/api/v1/cluster" | grep -o '"alive":true' | wc -l | grep -qx 3 && ok=$((ok + 1))
  done
  [ "$ok" = 3 ] && break; sleep 0.5
done
[ "$ok" = 3 ] || die "the nodes did not see three live members (logs in $WORK)"
echo "three live members on every node; waiting for the first verdicts" >&2
prev=-1  # the first verdicts: until etcd's put count rises by under 1% of the endpoints in 2 s
for _ in $(seq 1 150); do
  cur=$(etcd_metric etcd_mvcc_put_total)
  [ "$prev" -ge 0 ] && [ $((cur - prev)) -lt $((ENDPOINTS / 100 + 1)) ] && [ "$cur" -ge "$ENDPOINTS" ] && break
  prev=$cur; sleep 2
done
echo "first verdicts written: etcd puts so far $cur" >&2

# --- the flipper: FLIPS per second down, back up HOLD s later ---
if [ "$FLIPS" -gt 0 ]; then
  python3 - "$WORK/addresses.txt" "$WORK/down" "$FLIPS" "$HOLD" <<'PY' &
import os, random, sys, time
addresses = open(sys.argv[1]).read().split()
down_dir, rate, hold = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
random.shuffle(addresses)
up, batches, tick = list(addresses), [], time.monotonic()
while True:
    batch = [up.pop() for _ in range(min(rate, len(up)))]
    for a in batch:
        open(os.path.join(down_dir, a), "w").close()
    batches.append(batch)
    if len(batches) > hold:
        for a in batches.pop(0):
            os.unlink(os.path.join(down_dir, a))
            up.insert(0, a)
    tick += 1
    time.sleep(max(0, tick - time.monotonic()))
PY
  FLIP_PID=$!
  sleep $((HOLD + 3))
fi

# --- the measured window ---
sample() {  # etcd puts, deletes, raft proposals; node writes, state changes, probes; CPU ticks
  S_PUT=$(etcd_metric etcd_mvcc_put_total); S_DEL=$(etcd_metric etcd_mvcc_delete_total)
  S_PROP=$(etcd_metric etcd_server_proposals_committed_total)
  S_WR=$(node_sum wayfinder_cluster_etcd_writes_total)
  S_CH=$(node_sum wayfinder_health_state_changes_total)
  S_PR=$(node_sum wayfinder_health_probes_total)
  S_CPU=(); for p in "${NODE_PIDS[@]}" "$ETCD_PID" "$NGINX_PID"; do S_CPU+=("$(proc_ticks "$p")"); done
  S_DISC=$(cat "$WORK"/n?.log | grep -c 'disconnected from etcd' || true)
  S_T=$(date +%s.%N)
}
sample; A=("$S_PUT" "$S_DEL" "$S_PROP" "$S_WR" "$S_CH" "$S_PR" "$S_T"); CPU0=("${S_CPU[@]}"); D0=$S_DISC
sleep "$DURATION"
sample; B=("$S_PUT" "$S_DEL" "$S_PROP" "$S_WR" "$S_CH" "$S_PR" "$S_T"); CPU1=("${S_CPU[@]}"); D1=$S_DISC
for i in 0 1 2; do kill -0 "${NODE_PIDS[$i]}" 2>/dev/null || die "${NODES[$i]} exited (see $WORK/${NODES[$i]}.log)"; done

s=$(awk -v a="${A[6]}" -v b="${B[6]}" 'BEGIN { printf "%.2f", b - a }')
rate() { awk -v d="$1" -v s="$s" 'BEGIN { printf "%.1f", d / s }'; }
cpu() { awk -v t="$1" -v s="$s" -v hz="$hz" 'BEGIN { printf "%5.1f%% of a core (%4.0f ms/s)", 100 * t / hz / s, 1000 * t / hz / s }'; }
puts=$(rate $((B[0] - A[0]))); dels=$(rate $((B[1] - A[1]))); props=$(rate $((B[2] - A[2])))
writes=$(rate $((B[3] - A[3]))); changes=$(rate $((B[4] - A[4]))); probes=$(rate $((B[5] - A[5])))
echo "cluster: 3 nodes x $ENDPOINTS endpoints, interval 1s, $FLIPS flips/s held ${HOLD}s, window ${s}s, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "probes/s (3 nodes):                 $probes"
echo "state changes/s (3 nodes):          $changes   ($(rate $(((B[4] - A[4]) / 3))) per node)"
echo "etcd writes/s, etcd's count:        $(awk -v p="$puts" -v d="$dels" 'BEGIN { printf "%.1f", p + d }')   (puts $puts, deletes $dels; raft proposals $props)"
echo "etcd writes/s, the nodes' count:    $writes"
awk -v w="$puts" -v d="$dels" -v c="$changes" -v p="$probes" 'BEGIN {
  printf "writes per state change:            %.2f   writes per probe: %.4f\n", (c > 0 ? (w + d) / c : 0), (p > 0 ? (w + d) / p : 0) }'
echo "etcd sessions lost in the window:   $((D1 - D0))   (each reconnect writes the node's keys again)"
for i in 0 1 2; do echo "cpu ${NODES[$i]}: $(cpu $((CPU1[i] - CPU0[i])))"; done
echo "cpu etcd: $(cpu $((CPU1[3] - CPU0[3])))"
echo "cpu nginx: $(cpu $((CPU1[4] - CPU0[4])))"
echo "(logs and configs: $WORK)"
