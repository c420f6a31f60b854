#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, runs the whole Maven build
# with its tests (unit and end-to-end), then a 60 s soak of the built jar (bench/soak.sh; the
# environment's SOAK_DURATION sets its length, 0 skips it). Safe to run again; installs only what
# is absent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
"$ROOT/scripts/install-test-deps.sh"
source "$ROOT/scripts/jdk.sh"
echo "test.sh: JDK $JAVA_HOME" >&2
./mvnw -B -ntp verify "$@"
# The soak runs the packaged jar through the launcher, as an operator runs it, and loads both
# cores for its whole length: after the suite, not inside it.
if [ "${SOAK_DURATION:-60}" != 0 ]; then
  SKIP_BUILD=1 DURATION="${SOAK_DURATION:-60}" "$ROOT/bench/soak.sh"
fi
