#!/usr/bin/env bash
# The config half of the scale target in one process (dev.wayfinder.config.ConfigScaleProbe,
# src/jmh/java): a config file of SERVICES services with gen_zone.py's data (3 IPv4 + 1 IPv6
# endpoints and port http/tcp 8080 each) loaded whole by ConfigLoader, then the Registry built from
# it, ROUNDS times in a row: time of each, peak heap during them, live heap after a full collection.
#
#   bench/config-scale.sh                       # 100,000 services, -Xmx512m, ZGC (the launcher's GC)
#   HISTOGRAM=25 bench/config-scale.sh          # and the top of GC.class_histogram, results alive
#   SERVICES=10000 HEAP=1g bench/config-scale.sh
#
# Env: SERVICES (100000), HEAP (512m), ROUNDS (3), HISTOGRAM (0 lines), GC (-XX:+UseZGC), JIT (as
# for scale.sh),
# CONFIG=FILE (load that file instead, e.g. gen_config.py's .json form), SKIP_BUILD=1 (use target/
# as it is). Builds with -Pjmh like bench/jmh.sh. Prints `uptime` first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
run_probe "$ROOT" dev.wayfinder.config.ConfigScaleProbe "${SERVICES:-100000}" "${ROUNDS:-3}" "${HISTOGRAM:-0}" ${CONFIG:+"$CONFIG"}
