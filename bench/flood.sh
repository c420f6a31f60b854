#!/usr/bin/env bash
# Memory under a flood of junk datagrams: serves the benchmark zone through the launcher, then sends
# random datagrams (1-512 bytes, half of them with a header that claims one question) over loopback
# as fast as SENDERS Python processes can, sampling the server's RSS; then waits and samples again.
#
#   bench/flood.sh
#   SERVICES=1 DURATION=40 AFTER=60 bench/flood.sh
#
# Env (defaults): SERVICES=10000, DURATION=40 (s of junk), AFTER=40 (s of quiet afterwards),
# SENDERS=2, BENCH_TMP=/tmp/dnsbench-flood, WAYFINDER_JAVA_OPTS (read by the launcher).
# Prints one line: RSS before, the largest sampled during the flood, at its end, after the quiet
# time, VmHWM, datagrams sent, and whether the server still answers.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
TMPROOT="${BENCH_TMP:-/tmp/dnsbench-flood}"
SERVICES=${SERVICES:-10000}; DURATION=${DURATION:-40}; AFTER=${AFTER:-40}; SENDERS=${SENDERS:-2}
WORK="$TMPROOT/flood"
QUERIES="$TMPROOT/data/queries.txt"
PIDS=()
die() { echo "flood.sh: $*" >&2; exit 1; }
source "$ROOT/bench/lib.sh"
cleanup() { local p; for p in "${PIDS[@]}"; do stop_pid "$p"; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -f "$SHARED/gen_zone.py" ] || die "shared bench scripts not found at $SHARED (set SHARED_BENCH)"
source "$ROOT/scripts/jdk.sh"
build_wayfinder "$ROOT"
rm -rf "$WORK"; mkdir -p "$WORK"
PORT=$(free_port)
python3 "$ROOT/bench/gen_config.py" "$SHARED/gen_zone.py" "$PORT" "$(free_port)" "$WORK/data" \
  "$WORK/wayfinder.yaml" "$SERVICES"
PID=$(start_wayfinder "$ROOT" "$WORK/wayfinder.yaml" "$WORK/wayfinder.log" "$PORT" \
  s0.svc.cluster.local)
PIDS+=("$PID")
sleep 5  # the start-up build's garbage settles
before=$(rss_kb "$PID")

rss_watch "$PID" "$WORK/rss-peak" & PIDS+=($!)
: > "$WORK/sent"
for _ in $(seq 1 "$SENDERS"); do
  python3 - "$PORT" "$DURATION" >> "$WORK/sent" <<'PY' &
import os, random, socket, struct, sys, time
port, duration = int(sys.argv[1]), float(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setblocking(False)
pool = []
for i in range(4096):
    body = os.urandom(random.randint(1, 512))
    if i % 2 and len(body) > 12:  # a query header with one question, then junk
        body = struct.pack(">HHHHHH", i, 0x0100, 1, 0, 0, 0) + body[12:]
    pool.append(body)
sent, end = 0, time.monotonic() + duration
while time.monotonic() < end:
    for body in pool[: 256]:
        try:
            s.sendto(body, ("127.0.0.1", port)); sent += 1
        except BlockingIOError:
            pass
    random.shuffle(pool)
print(sent)
PY
  PIDS+=($!)
done
wait "${PIDS[@]: -$SENDERS}"
during=$(rss_peak "$WORK/rss-peak")
at_end=$(rss_kb "$PID")
sleep "$AFTER"
after=$(rss_kb "$PID")
answers=no
dig +tries=1 +time=2 -p "$PORT" @127.0.0.1 s0.svc.cluster.local A | grep -q 'status: NOERROR' \
  && answers=yes
echo "flood services=$SERVICES senders=$SENDERS duration_s=$DURATION" \
  "sent=$(awk '{n += $1} END {print n}' "$WORK/sent")" \
  "rss_MB_before=$((before / 1024)) max_during=$((during / 1024)) at_end=$((at_end / 1024))" \
  "after_${AFTER}s=$((after / 1024)) hwm=$(( $(hwm_kb "$PID") / 1024 )) answers=$answers"
