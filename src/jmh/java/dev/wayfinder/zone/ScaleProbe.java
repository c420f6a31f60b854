package dev.wayfinder.zone;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Service;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The scale targets measured in one process (run by {@code bench/scale.sh}, meant for a small heap
 * such as {@code -Xmx512m}): the benchmark zone of {@code N} services loaded (config parse, then the
 * first snapshot), the live heap after a full collection, one endpoint's verdict change from {@link
 * ZoneManager#healthChanged} until {@link ZoneManager#current()} shows it, registry changes (a
 * service added, removed, an endpoint's address changed) from {@link ZoneManager#apply} until
 * {@code current()} answers them, a churn of registry changes ({@link ChangeProbe}), and a full
 * build.
 *
 * <pre>
 *   java -Xmx512m -cp ... dev.wayfinder.zone.ScaleProbe [services] [changes] [churn/s] [seconds]
 * </pre>
 */
public final class ScaleProbe {
  private ScaleProbe() {}

  public static void main(String[] args) throws Exception {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int changes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int churn = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int churnSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    System.out.printf("services %d, max heap %d MB%n", services, maxHeapMb());

    long t0 = System.nanoTime();
    DnsConfig dns = BenchZone.config(1).dns();
    List<Service> all = BenchZone.servicesInChunks(services);
    long t1 = System.nanoTime();
    Set<Endpoint> down = ConcurrentHashMap.newKeySet();
    HealthView health =
        (s, e) -> down.contains(e) ? EndpointState.UNHEALTHY : EndpointState.HEALTHY;
    System.out.printf("services (chunked parse) %8.0f ms%n", (t1 - t0) / 1e6);
    long servicesMb = liveMb();
    System.out.printf("live heap, services only %8d MB%n", servicesMb);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long allocated0 = threads.getCurrentThreadAllocatedBytes();
    long t2 = System.nanoTime();
    try (ZoneManager zones = new ZoneManager(dns, health, all)) {
      long t3 = System.nanoTime();
      System.out.printf(
          "first snapshot build     %8.0f ms (this thread's CPU %.0f ms, %d MB allocated)%n",
          (t3 - t2) / 1e6,
          (threads.getCurrentThreadCpuTime() - cpu0) / 1e6,
          (threads.getCurrentThreadAllocatedBytes() - allocated0) >> 20);
      System.out.printf("names %d%n", zones.current().nameCount());
      System.out.printf("snapshot arrays          %8d MB%n", zones.current().bytes() >> 20);
      System.out.printf("live heap after full GC  %8d MB (zone + service list)%n", liveMb());

      warmUpAndMeasureChanges(zones, all, down, Math.min(changes, 50), false);
      warmUpAndMeasureChanges(zones, all, down, changes, true);
      measureSynchronousRebuilds(zones, all, down, changes);

      ChangeProbe registry = new ChangeProbe(zones, all);
      registry.measureOneAtATime(Math.min(changes, 50), false);
      registry.measureOneAtATime(changes, true);
      registry.measureChurn(churn, churnSeconds, BenchZone.mix(services, 10_000, 5));
      System.out.printf("live heap after changes  %8d MB%n", liveMb());

      long t4 = System.nanoTime();
      ZoneSnapshot.build(dns, all, health, 1);
      long t5 = System.nanoTime();
      System.out.printf("full build               %8.0f ms%n", (t5 - t4) / 1e6);
    }
  }

  /** Takes endpoint 0 of random services down and up again, timing each until it is published. */
  private static void warmUpAndMeasureChanges(
      ZoneManager zones, List<Service> all, Set<Endpoint> down, int count, boolean print) {
    Random rnd = new Random(7);
    long[] delays = new long[count];
    for (int i = 0; i < count; i++) {
      Service s = all.get(rnd.nextInt(all.size()));
      Endpoint e = s.endpoints().get(0);
      if (!down.add(e)) {
        down.remove(e);
      }
      ZoneSnapshot before = zones.current();
      long start = System.nanoTime();
      zones.healthChanged(s.name());
      // Polled every 20 us, not spun: on 2 cores a spinning probe takes the core the rebuild
      // thread and the collector need, which no thread of the daemon does.
      while (zones.current() == before) {
        LockSupport.parkNanos(20_000);
      }
      delays[i] = System.nanoTime() - start;
    }
    if (print) {
      Arrays.sort(delays);
      System.out.printf(
          "verdict change -> current() over %d changes: median %.2f ms, p99 %.2f ms, max %.2f ms%n",
          count,
          delays[count / 2] / 1e6,
          delays[(int) (count * 0.99)] / 1e6,
          delays[count - 1] / 1e6);
    }
  }

  /**
   * The same verdict changes rebuilt on this thread ({@link ZoneManager#rebuildServices}): the
   * work of one change without the hand-off to the rebuild thread.
   */
  private static void measureSynchronousRebuilds(
      ZoneManager zones, List<Service> all, Set<Endpoint> down, int count) {
    Random rnd = new Random(11);
    long[] delays = new long[count];
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < count; i++) {
      Service s = all.get(rnd.nextInt(all.size()));
      Endpoint e = s.endpoints().get(0);
      if (!down.add(e)) {
        down.remove(e);
      }
      long start = System.nanoTime();
      zones.rebuildServices(List.of(s.name()));
      delays[i] = System.nanoTime() - start;
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    Arrays.sort(delays);
    System.out.printf(
        "rebuildServices alone over %d changes: median %.2f ms, p99 %.2f ms, max %.2f ms,"
            + " %d KB allocated per change%n",
        count,
        delays[count / 2] / 1e6,
        delays[(int) (count * 0.99)] / 1e6,
        delays[count - 1] / 1e6,
        allocated / count >> 10);
  }

  private static long liveMb() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  private static long maxHeapMb() {
    return Runtime.getRuntime().maxMemory() >> 20;
  }
}
