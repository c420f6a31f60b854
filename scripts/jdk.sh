# Sourced by ./wayfinder and ./test.sh: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm.
jdk_feature() {  # prints the feature release of the JDK at $1 (e.g. 25), or 0
  local rel="$1/release" v
  [ -x "$1/bin/javac" ] || { echo 0; return; }
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel" 2>/dev/null)
  echo "${v:-0}"
}
find_jdk() {
  local best="" best_v=0 d v
  if [ -n "${JAVA_HOME:-}" ] && [ "$(jdk_feature "$JAVA_HOME")" -ge 21 ]; then
    echo "$JAVA_HOME"; return 0
  fi
  for d in /usr/lib/jvm/*; do
    [ -d "$d" ] && [ ! -L "$d" ] || continue
    v=$(jdk_feature "$d")
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$d; best_v=$v; fi
  done
  [ -n "$best" ] || return 1
  echo "$best"
}
if ! JAVA_HOME=$(find_jdk); then
  echo "wayfinder: no JDK 21 or newer found (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
  exit 1
fi
export JAVA_HOME
# JVM flags newer JDKs want so Netty's native transport and Unsafe use run without warnings.
JAVA_FLAGS=()
if [ "$(jdk_feature "$JAVA_HOME")" -ge 23 ]; then
  JAVA_FLAGS+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi
export MAVEN_OPTS="${MAVEN_OPTS:-} ${JAVA_FLAGS[*]}"
