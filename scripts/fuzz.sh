#!/usr/bin/env bash
# Runs every coverage-guided fuzz test (src/test/java/dev/wayfinder/fuzz) in Jazzer's fuzzing mode
# for SECONDS each, one JVM per target (Jazzer fuzzes one test per run). A crash input lands in the
# target's inputs directory under src/test/resources, where the normal build replays it from then
# on; new coverage goes to .cifuzz-corpus/ (not committed). See docs/fuzzing.md.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     e.g. scripts/fuzz.sh 600 DnsQueryFuzzTest
#
# Exits 1 when any target found something, after running the others.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_PER_TARGET="${1:-15}"
shift || true
TARGETS=(
  DnsQueryFuzzTest#udpQuery
  TcpFramingFuzzTest#tcpStream
  ConfigFuzzTest#configText
  ServiceBodyFuzzTest#serviceBody
  Rfc2136ReplyFuzzTest#primaryReply
  PdnsBackendFuzzTest#remoteBackendCall
)
if [ $# -gt 0 ]; then
  wanted=()
  for t in "$@"; do
    for known in "${TARGETS[@]}"; do
      [ "${known%%#*}" = "${t%%#*}" ] && wanted+=("$known")
    done
  done
  [ ${#wanted[@]} -gt 0 ] || { echo "fuzz: no target named $*" >&2; exit 2; }
  TARGETS=("${wanted[@]}")
fi
source "$ROOT/scripts/jdk.sh"
mkdir -p target
./mvnw -B -ntp -q test-compile
passed=0
failed=()
start=$(date +%s)
for target in "${TARGETS[@]}"; do
  log="target/fuzz-${target%%#*}.log"
  echo "fuzz: $target for ${SECONDS_PER_TARGET}s (log: $log)" >&2
  # Surefire's goal alone: the classes are compiled above. The bug-detector hooks the regression
  # run leaves off (src/test/resources/junit-platform.properties) are on while fuzzing.
  if JAZZER_FUZZ=1 ./mvnw -B -ntp surefire:test -Dtest="$target" \
      -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="${SECONDS_PER_TARGET}s" -Djazzer.hooks=true >"$log" 2>&1; then
    passed=$((passed + 1))
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | sed "s/^/fuzz: ${target%%#*}: /" >&2 || true
  else
    failed+=("$target")
    echo "fuzz: $target FOUND SOMETHING or failed; the end of $log:" >&2
    grep -vE '^INFO: (Instrumented|Loaded)' "$log" | tail -60 >&2
  fi
done
echo "fuzz: $(( $(date +%s) - start ))s for ${#TARGETS[@]} targets" >&2
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crash inputs are kept under src/test/resources/dev/wayfinder/fuzz/*Inputs/" >&2
fi
echo "fuzz: ${passed} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
