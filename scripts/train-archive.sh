#!/usr/bin/env bash
# Writes the launcher's class-data archive with a short training serve, right after a build:
#   scripts/train-archive.sh JAR JVM_FLAG...   (the flags name the archive: -XX:SharedArchiveFile)
# The serve gets a one-service config on free loopback ports, answers one A query over UDP (so the
# query path's classes are archived too), and is stopped with SIGTERM; the JVM writes the archive
# as it exits. Never leaves the serve running; exits non-zero when it did not get that far, and the
# launcher then leaves the archive to the first real serve.
set -uo pipefail
JAR=$1; shift
source "$(dirname "${BASH_SOURCE[0]}")/jdk.sh"
DIR=$(mktemp -d) || exit 1
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID" 2>/dev/null; fi
  rm -rf "$DIR"
}
trap cleanup EXIT
cat > "$DIR/train.yaml" <<EOF
# the launcher's training serve (scripts/train-archive.sh)
dns:
  listen: ["127.0.0.1:0"]
  zone: svc.cluster.local
  forward: {upstreams: []}
admin:
  listen: "127.0.0.1:0"
data_dir: "$DIR/data"
query_log: {mode: "off"}
services:
  - name: web
    ports: [{name: http, protocol: tcp, port: 8080}]
    endpoints: [{address: 10.0.0.1}, {address: "fd00::1"}]
EOF
"$JAVA_HOME/bin/java" "$@" -jar "$JAR" serve --config "$DIR/train.yaml" > "$DIR/log" 2>&1 &
PID=$!

# The serve logs "serving zone ... on [/127.0.0.1:PORT]" once it answers.
port=""
for _ in $(seq 1 300); do
  kill -0 "$PID" 2>/dev/null || exit 1
  port=$(sed -n 's/.*serving zone .* on \[\/127\.0\.0\.1:\([0-9]*\)\].*/\1/p' "$DIR/log" | head -1)
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || exit 1

# One A query for web.svc.cluster.local (ID 0x5746, RD), through bash's own UDP socket; the reply
# is read back so the answer path has run before the stop.
if exec 3<>"/dev/udp/127.0.0.1/$port"; then
  printf '\x57\x46\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x03web\x03svc\x07cluster\x05local\x00\x00\x01\x00\x01' >&3
  read -r -t 2 -N 1 _ <&3 || true  # a UDP read takes the whole datagram: one byte says it came
  exec 3<&-
fi

kill -TERM "$PID" 2>/dev/null
for _ in $(seq 1 200); do
  kill -0 "$PID" 2>/dev/null || { wait "$PID" 2>/dev/null; PID=""; break; }
  sleep 0.05
done
[ -z "$PID" ]
