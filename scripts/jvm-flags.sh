#!/usr/bin/env bash
# Prints the launcher's JVM flags for serving a config, one per line (all but the class-data
# archive's):  scripts/jvm-flags.sh [CONFIG]
# The launcher (./wayfinder) passes them to the JVM; HeapBoundE2eTest runs the daemon with them.
# The flags are measured: docs/performance.md.
# Env: WAYFINDER_GC (the collector flag, instead of the one chosen here), WAYFINDER_HEAP (the
# maximum heap, e.g. 512m, instead of the estimate).
#
# Why: the JVM's default maximum heap is a quarter of the machine's memory, and a collector left to
# itself grows the heap towards it under a flood of short-lived garbage. The maximum here comes from
# the zone the config describes, so the process stays bounded; the collector keeps the heap near
# what is live, so it also stays small. docs/performance.md ("Memory") has the figures.
#
# The estimate: the heap held after start-up is about 10 MB of fixed cost plus ~600 bytes per
# endpoint and ~300 per named item (services and their ports) in a config of the benchmark's shape.
# Counting the words "address" and "name" in the file over-counts (comments, other sections), which
# only raises the estimate. Services that arrive through the API or from the cluster are not in the
# file: the maximum keeps three times the estimate, plus the forwarding cache's room, and at least
# 128 MB, and WAYFINDER_HEAP sets it for a registry fed mostly that way.
#
# The collector: up to ESTIMATE_SERIAL_MB of estimated live heap, the serial collector. Its young
# collections only copy what survives (an answered query leaves next to nothing), its heap grows
# by little and gives back after a full collection, and it adds no threads or remembered sets,
# which is what holds a 10,000-service zone under 128 MB. Above it, generational ZGC: a full
# serial collection of a heap that size pauses for too long, and ZGC's pauses do not grow with the
# heap (cli/HeapTarget keeps its soft maximum at twice the live set).
set -euo pipefail
CONFIG=${1:-}
source "$(dirname "${BASH_SOURCE[0]}")/jdk.sh"
FEATURE=$(jdk_feature "$JAVA_HOME")
ESTIMATE_SERIAL_MB=96
count() { grep -o "$1" "$CONFIG" 2>/dev/null | wc -l; }
endpoints=0; names=0
if [ -n "$CONFIG" ] && [ -r "$CONFIG" ]; then
  endpoints=$(count address); names=$(count name)
fi
estimate_mb=$(( 10 + (endpoints * 600 + names * 300) / 1048576 ))
# The forwarding cache fills up to its max_entries (100,000 unless the config says otherwise), about
# 400 bytes an answer: room for it on top, though it does not choose the collector.
cache=100000
if [ -n "$CONFIG" ] && [ -r "$CONFIG" ]; then
  set_cache=$(grep -oE '"?max_entries"?: *[0-9]+' "$CONFIG" 2>/dev/null | grep -oE '[0-9]+$' | sort -n | tail -1 || true)
  cache=${set_cache:-$cache}
fi
max_mb=$(( 3 * estimate_mb + cache * 400 / 1048576 ))
if [ "$max_mb" -lt 128 ]; then max_mb=128; fi
gc=${WAYFINDER_GC:-}
if [ -z "$gc" ]; then
  if [ "$estimate_mb" -le "$ESTIMATE_SERIAL_MB" ]; then gc=-XX:+UseSerialGC; else gc=-XX:+UseZGC; fi
fi
echo "$gc"
# A heap that runs out stops the process with the JVM's message (for its supervisor to restart it,
# with a larger WAYFINDER_HEAP) instead of leaving it serving with threads that failed.
echo "-XX:+ExitOnOutOfMemoryError"
case "$gc" in
  *UseZGC*)
    # The daemon lowers ZGC's soft maximum to twice its live set after each major collection
    # (cli/HeapTarget); ZGC returns the memory above it to the OS after this delay (s).
    echo "-XX:ZUncommitDelay=30"
    # No proactive major cycles: under a steady query load they mark the whole live heap again and
    # again for a few megabytes of Netty's per-datagram garbage, which minor cycles collect.
    echo "-XX:-ZProactive"
    # ZGC sizes itself under its soft maximum; the hard one is only set when asked for.
    if [ -n "${WAYFINDER_HEAP:-}" ]; then echo "-Xmx$WAYFINDER_HEAP"; fi
    ;;
  *)
    echo "-Xmx${WAYFINDER_HEAP:-${max_mb}m}"
    # Start small and grow by little: the heap follows the live set instead of the start-up
    # build's peak. After a full collection at most 20% of the old generation stays free.
    echo "-Xms16m"
    echo "-XX:MinHeapFreeRatio=10"
    echo "-XX:MaxHeapFreeRatio=20"
    # The young generation kept at 4 MB: after a full collection the serial collector otherwise
    # sizes it to a third of the heap, 15 MB here, and its eden, touched again by every query's
    # garbage, stays resident (+9 MB). An answered query leaves next to nothing behind, so a larger
    # eden only spaces the young collections out (one every quarter second at 140,000 queries a
    # second, each well under a millisecond).
    echo "-XX:MaxNewSize=4m"
    ;;
esac
# What the JIT compilers free (tens of megabytes while C2 compiles a large method) handed back to
# the OS every second instead of kept by malloc. The launcher also sets malloc's arenas and
# thresholds (scripts/malloc-env.sh).
if [ "$FEATURE" -ge 22 ]; then echo "-XX:TrimNativeHeapInterval=1000"; fi
# The config readers (SnakeYAML's scanner and parser, Jackson, the config package) run once at
# start and at a reload: a C2 compilation of theirs that needs more than 6 MB of compiler memory
# gives up and leaves the method to C1, instead of lifting the start's resident memory by up to
# 22 MB (fetchMoreTokens) for a parse that is over before the code would pay off. (JDK 22 on.)
if [ "$FEATURE" -ge 22 ]; then
  echo "-XX:CompileCommand=quiet"
  for p in org/yaml/ com/fasterxml/ dev/wayfinder/config/; do
    echo "-XX:CompileCommand=MemLimit,$p*.*,6M~stop"
  done
fi
# Netty's pooled buffers in chunks of 1 MB instead of 4 MB: DNS messages are at most 64 KB, and each
# thread that allocates from a pool (the DNS loop, the admin API's) starts a chunk of its own.
echo "-Dio.netty.allocator.maxOrder=7"
# Compact object headers (JDK 25, JEP 519): 8-byte headers instead of 12, on every object the
# registry and the zone hold. The JDK ships a base CDS archive made with them.
if [ "$FEATURE" -ge 25 ]; then echo "-XX:+UseCompactObjectHeaders"; fi
# C2 kept off the code that builds the registry and the zone once per service: the file says why
# and how. A missing or broken file stops the JVM, so a missing one is skipped.
JIT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/jit-commands"
if [ -f "$JIT" ]; then echo "-XX:CompileCommandFile=$JIT"; fi
# On 2 cores or fewer, one DNS event loop: the kernel's UDP path and whoever sends the queries
# need the other core.
if [ "$(nproc 2>/dev/null || echo 4)" -le 2 ]; then echo "-Dwayfinder.dns.threads=1"; fi
