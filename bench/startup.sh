#!/usr/bin/env bash
# Start to first answer: `./wayfinder serve --config wayfinder.example.yaml` until the first answer
# for web.svc.cluster.local (first_answer.py polls every 5 ms; dig confirms), in milliseconds;
# RUNS times each without and with the AppCDS archive (the first run with it writes the archive at
# exit, and is reported apart).
#
#   bench/startup.sh            # Env: RUNS=3, CONFIG=wayfinder.example.yaml (its port: 5353)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${RUNS:-3}; CONFIG=${CONFIG:-$ROOT/wayfinder.example.yaml}
PORT=$(sed -n 's/.*listen: \["[0-9.]*:\([0-9]*\)"\].*/\1/p' "$CONFIG" | head -1)
PID=""
die() { echo "startup.sh: $*" >&2; exit 1; }
source "$ROOT/bench/lib.sh"
trap '[ -z "$PID" ] || stop_pid "$PID"' EXIT
ss -Hlun "sport = :$PORT" | grep -q . && die "udp port $PORT is in use"

once() {  # once CDS: prints ms from launch to the first answer, then stops the server
  local ms out
  out=$(cd "$ROOT" && WAYFINDER_CDS=$1 python3 bench/first_answer.py "$PORT" \
    web.svc.cluster.local /tmp/startup.$$.log -- ./wayfinder serve --config "$CONFIG") \
    || { cat /tmp/startup.$$.log >&2; die "no answer"; }
  read -r PID ms <<< "$out"
  dig +tries=1 +time=2 -p "$PORT" @127.0.0.1 web.svc.cluster.local A | grep -q 'status: NOERROR' \
    || die "dig got no answer"
  stop_pid "$PID"; PID=""
  echo "$ms"
}

(cd "$ROOT" && ./wayfinder version >/dev/null)  # builds the jar first if needed
rm -f "$ROOT/target/wayfinder.jsa"
echo "no archive: $(for _ in $(seq 1 "$RUNS"); do printf '%s ' "$(once 0)"; done)ms"
echo "archive, first run (writes it): $(once 1) ms"
echo "archive: $(for _ in $(seq 1 "$RUNS"); do printf '%s ' "$(once 1)"; done)ms  (load: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "host speed: $(host_speed) s for a 10M-step Python loop"
rm -f /tmp/startup.$$.log
