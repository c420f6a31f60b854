package dev.wayfinder.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ZGC's heap near what the daemon actually holds: after each collection, sets the JVM's
 * {@code SoftMaxHeapSize} (a manageable flag ZGC reads at run time) to a multiple of the heap in
 * use after that collection, within [{@link #FLOOR}, the maximum heap].
 *
 * <p>Why: with the JVM's default sizing, ZGC grows the heap to what the startup snapshot build
 * allocated, far above the live set, and keeps it. A fixed soft maximum in the launcher would be
 * wrong for one size of registry or the other: too low for 100,000 services (back-to-back
 * collections), too high for ten. Following the live set gives a small heap for small zones and
 * room for large ones, and ZGC hands the rest back to the OS after {@code ZUncommitDelay} (the
 * launcher sets 30 s). Its effect on RSS and CPU per query: docs/performance.md.
 *
 * <p>The collections at start-up see the snapshot build's garbage, so one explicit collection
 * {@link #SETTLE} after start sets the first real figure (under ZGC it runs concurrently; queries
 * are not paused).
 *
 * <p>Only for ZGC, and only in the real server process ({@link ServeCommand}); elsewhere, or when
 * the flag cannot be set, it does nothing.
 */
final class HeapTarget {
  private static final Logger log = LoggerFactory.getLogger(HeapTarget.class);

  /** Soft maximum = this many times the heap in use after a collection. */
  static final int HEADROOM = 2;

  /** The soft maximum never goes below this: room for a burst of queries and a small rebuild. */
  static final long FLOOR = 128L << 20;

  /**
   * One full collection this long after start: by then the first snapshot is built and its garbage
   * is dead, so the soft maximum is set from the settled live set, not from what the build left.
   * System property {@code wayfinder.heap.settle.ms} overrides it (tests).
   */
  static final Duration SETTLE =
      Duration.ofMillis(Long.getLong("wayfinder.heap.settle.ms", 10_000));

  private static final String FLAG = "SoftMaxHeapSize";

  private final HotSpotDiagnosticMXBean vm;
  private final long maxHeap;
  private long current;

  private HeapTarget(HotSpotDiagnosticMXBean vm, long maxHeap) {
    this.vm = vm;
    this.maxHeap = maxHeap;
  }

  /** Starts following the live heap when the JVM runs ZGC; returns whether it did. */
  static boolean install() {
    try {
      HotSpotDiagnosticMXBean vm =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (!"true".equals(vm.getVMOption("UseZGC").getValue())
          || !vm.getVMOption(FLAG).isWriteable()) {
        return false;
      }
      HeapTarget target = new HeapTarget(vm, Runtime.getRuntime().maxMemory());
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (!reportsLiveSet(gc.getName())) {
          continue;
        }
        ((NotificationEmitter) gc)
            .addNotificationListener(
                (n, handback) -> target.collected((CompositeData) n.getUserData()),
                n ->
                    GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                        n.getType()),
                null);
      }
      CompletableFuture.delayedExecutor(SETTLE.toMillis(), TimeUnit.MILLISECONDS)
          .execute(System::gc);
      return true;
    } catch (RuntimeException e) {
      log.debug("heap target not installed", e);
      return false;
    }
  }

  /** The soft maximum for {@code usedAfterGc} bytes in use after a collection. */
  static long softMax(long usedAfterGc, long maxHeap) {
    long wanted = Math.max(FLOOR, usedAfterGc * HEADROOM);
    return Math.min(wanted, maxHeap);
  }

  /**
   * True for the collector whose notifications carry the live set. Generational ZGC reports "ZGC
   * Minor/Major Cycles/Pauses": only a major cycle's figure is the live set; after a minor one the
   * old generation still holds its garbage. Only that bean is listened to: the JVM builds a
   * notification (its {@code GcInfo}, on the Notification Thread) only for a collector someone
   * listens to, and under load those of every minor cycle and pause would wake that thread beside
   * the collector's own, competing with the query thread for a core.
   */
  static boolean reportsLiveSet(String collector) {
    return collector.contains("Cycles") && !collector.contains("Minor");
  }

  private void collected(CompositeData data) {
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(data);
    String name = info.getGcName();
    long used = 0;
    for (MemoryUsage pool : info.getGcInfo().getMemoryUsageAfterGc().values()) {
      used += pool.getUsed();
    }
    long wanted = softMax(used, maxHeap);
    // Only moves of more than an eighth: every collection would otherwise nudge it.
    if (Math.abs(wanted - current) > current / 8) {
      try {
        vm.setVMOption(FLAG, Long.toString(wanted));
        current = wanted;
        log.info(
            "heap: {} MB in use after {}, soft maximum now {} MB", used >> 20, name, wanted >> 20);
      } catch (RuntimeException e) {
        log.debug("could not set {}", FLAG, e);
      }
    }
  }
}
