#!/usr/bin/env bash
# Prints the launcher's malloc settings, one NAME=VALUE per line (a variable already set keeps its
# value):  scripts/malloc-env.sh
# The launcher (./wayfinder) exports them; HeapBoundE2eTest runs the daemon with them.
#
# Two malloc arenas instead of up to eight per core: the JVM's threads otherwise each keep memory in
# an arena of their own. Blocks of 32 KB and more are mapped on their own and unmapped when freed,
# and free memory at an arena's top goes back above 64 KB: without the two thresholds malloc raises
# both as the JIT frees its large blocks, and keeps what a compilation freed (docs/performance.md,
# "Memory").
echo "MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}"
echo "MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-32768}"
echo "MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-65536}"
