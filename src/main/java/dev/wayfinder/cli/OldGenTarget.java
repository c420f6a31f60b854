package dev.wayfinder.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the serial collector's old generation near what the daemon holds: every {@link #CHECK} it
 * looks at the old generation, and when what is in it has grown to {@link #HEADROOM} times what the
 * last full collection left (and at least {@link #SLACK} more), it asks for a full collection.
 *
 * <p>Why: the serial collector collects its old generation only when it cannot grow it any more, at
 * the maximum heap. Objects that outlive two young collections (a config reload's parse and
 * rebuild, an API write's, a background whole build's) are promoted and pile up there until then,
 * so a daemon whose registry changes all the time would hold its whole maximum heap (128 MB and
 * more) instead of a few times its live set. Under a steady zone almost nothing is promoted and no
 * collection is asked for. A full collection of a 10,000-service live set pauses for some tens of
 * milliseconds (docs/performance.md, "Memory").
 *
 * <p>Only for the serial collector, and only in the real server process ({@link ServeCommand});
 * elsewhere it does nothing. The first figure is taken {@link #CHECK} after start, once the first
 * snapshot is built.
 */
final class OldGenTarget {
  private static final Logger log = LoggerFactory.getLogger(OldGenTarget.class);

  static final Duration CHECK = Duration.ofSeconds(5);
  static final int HEADROOM = 2;
  static final long SLACK = 16L << 20;

  private final MemoryPoolMXBean oldGen;
  private long baseline = -1;

  private OldGenTarget(MemoryPoolMXBean oldGen) {
    this.oldGen = oldGen;
  }

  /** Starts watching when the JVM runs the serial collector; returns whether it did. */
  static boolean install() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if ("Tenured Gen".equals(pool.getName()) && pool.isCollectionUsageThresholdSupported()) {
        OldGenTarget target = new OldGenTarget(pool);
        ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("heap-target").daemon().factory());
        timer.scheduleWithFixedDelay(
            target::check, CHECK.toMillis(), CHECK.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      }
    }
    return false;
  }

  /** Whether {@code used} bytes in the old generation call for a full collection. */
  static boolean due(long used, long afterLastFull) {
    return used > Math.max(afterLastFull * HEADROOM, afterLastFull + SLACK);
  }

  private void check() {
    try {
      long afterFull = oldGen.getCollectionUsage().getUsed();
      long used = oldGen.getUsage().getUsed();
      if (afterFull == 0 && baseline < 0) {
        baseline = used; // before the first full collection, the first look stands for what is live
      }
      long base = afterFull > 0 ? afterFull : baseline;
      if (due(used, base)) {
        long start = System.nanoTime();
        System.gc();
        log.info(
            "heap: old generation at {} MB (last live {} MB): collected to {} MB in {} ms",
            used >> 20,
            base >> 20,
            oldGen.getUsage().getUsed() >> 20,
            (System.nanoTime() - start) / 1_000_000);
      }
    } catch (RuntimeException e) {
      log.debug("old generation check failed", e);
    }
  }
}
