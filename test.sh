#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, then runs the whole Maven
# build with its tests (unit and end-to-end, the fuzz tests on their saved inputs), then a bounded
# fuzzing run of every fuzz target (docs/fuzzing.md: FUZZ_SECONDS each, default 15, 0 skips it)
# and a 60 s soak of the built jar (bench/soak.sh: SOAK_DURATION sets its length, 0 skips it).
# Safe to run again; installs only what is absent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
"$ROOT/scripts/install-test-deps.sh"
source "$ROOT/scripts/jdk.sh"
echo "test.sh: JDK $JAVA_HOME" >&2
./mvnw -B -ntp verify "$@"
if [ "${FUZZ_SECONDS:-15}" != 0 ]; then
  "$ROOT/scripts/fuzz.sh" "${FUZZ_SECONDS:-15}"
fi
# The soak runs the packaged jar through the launcher, as an operator runs it, and loads both
# cores for its whole length: after the suite, not inside it.
if [ "${SOAK_DURATION:-60}" != 0 ]; then
  SKIP_BUILD=1 DURATION="${SOAK_DURATION:-60}" "$ROOT/bench/soak.sh"
fi
