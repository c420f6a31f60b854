#!/usr/bin/env bash
# The scale targets in one process (dev.wayfinder.zone.ScaleProbe, src/jmh/java): the benchmark zone
# of SERVICES services (3 IPv4 + 1 IPv6 endpoints and an SRV port each, gen_zone.py's data) loaded
# under HEAP, the live heap after a full collection, CHANGES verdict changes timed from
# ZoneManager.healthChanged until current() shows them (median/p99), CHANGES registry changes of
# each kind (a service added, one removed, an endpoint's address changed) timed from
# ZoneManager.apply until current().find answers them (median/p99), one at a time; then CHURN
# address changes a second for CHURN_SECONDS in all (five phases, interleaved with as many quiet
# ones): CPU seconds per second of churn of the rebuild thread and of the background build thread
# (and how many whole builds it swapped in), and a lookup thread's CPU per question over the
# BenchZone mix, median of the quiet phases vs of the churn phases; the live heap after all that,
# and one full build.
#
#   bench/scale.sh                          # 100,000 services, -Xmx512m, ZGC (the launcher's GC)
#   SERVICES=10000 HEAP=2g bench/scale.sh
#
# Env: SERVICES (100000), HEAP (512m), CHANGES (200), CHURN (1000), CHURN_SECONDS (10), GC
# (-XX:+UseZGC), JIT (the launcher's compile commands, scripts/jit-commands; JIT= runs without
# them), SKIP_BUILD=1 (use target/ as it is).
# Builds with -Pjmh like bench/jmh.sh. Prints `uptime` first: the figures move with load.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
run_probe "$ROOT" dev.wayfinder.zone.ScaleProbe "${SERVICES:-100000}" "${CHANGES:-200}" \
  "${CHURN:-1000}" "${CHURN_SECONDS:-10}"
