#!/usr/bin/env bash
# JMH microbenchmarks (src/jmh/java, Maven profile -Pjmh): zone lookup over the query mix, reply
# composition, the whole UDP request path on an EmbeddedChannel, and a 10,000-service snapshot build.
#
#   bench/jmh.sh                        # all, short runs (1 fork, 3 x 1 s), allocation per op (-prof gc)
#   bench/jmh.sh RequestPathBench       # any JMH arguments: a benchmark regex, -f, -i, -prof ...
#
# Env: SKIP_BUILD=1 (use target/ as it is). Builds with -Pjmh into target/ (the jar then also holds
# the benchmarks; a normal build replaces it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/jdk.sh"
source "$ROOT/bench/lib.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then build_jmh "$ROOT"; fi
args=("$@"); [ ${#args[@]} -gt 0 ] || args=(-prof gc)
exec "$JAVA_HOME/bin/java" "${JAVA_FLAGS[@]}" -cp "$ROOT/target/wayfinder.jar:$ROOT/target/lib/*" \
  org.openjdk.jmh.Main -jvmArgsAppend "${JAVA_FLAGS[*]:- -Dx=1}" "${args[@]}"
