package dev.wayfinder.config;

import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.Service;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;

/**
 * The config half of the scale target, measured in one process (run by {@code
 * bench/config-scale.sh}, meant for {@code -Xmx512m}): a config file of {@code N} services with
 * the data of {@code ../shared/bench/gen_zone.py} (3 IPv4 + 1 IPv6 endpoints, port http/tcp 8080,
 * as {@code zone.BenchZone} writes it) loaded whole by {@link ConfigLoader#load(Path)}, then the
 * {@link Registry} built from it; the time and allocation of each (and the loading thread's CPU
 * time, steadier than the wall time on a shared machine), the peak heap during them
 * (sampled every millisecond: with ZGC mostly how far the collector lets the heap fill) and the
 * live heap after a full collection with and without the results.
 *
 * <pre>
 *   java -Xmx512m -cp ... dev.wayfinder.config.ConfigScaleProbe [services] [rounds] [histogram] [file]
 * </pre>
 *
 * <p>With {@code file} (e.g. bench/gen_config.py's JSON form) that file is loaded as it is.
 *
 * <p>{@code rounds} loads in a row show the warm figure next to the cold one; {@code histogram}
 * prints the top of {@code GC.class_histogram} with the config and registry alive.
 */
public final class ConfigScaleProbe {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private ConfigScaleProbe() {}

  public static void main(String[] args) throws Exception {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int histogramLines = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    boolean given = args.length > 3;
    Path file = given ? Path.of(args[3]) : Files.createTempFile("wayfinder-scale", ".yaml");
    try {
      if (!given) {
        write(file, services);
      }
      System.out.printf(
          "services %d, file %d MB, max heap %d MB%n",
          services, Files.size(file) >> 20, Runtime.getRuntime().maxMemory() >> 20);
      long baseline = liveBytes();
      for (int round = 1; round <= rounds; round++) {
        measure(file, round, baseline, round == rounds ? histogramLines : 0);
      }
    } finally {
      if (!given) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static void measure(Path file, int round, long baseline, int histogramLines)
      throws Exception {
    PeakSampler peak = PeakSampler.start();
    long a0 = THREADS.getCurrentThreadAllocatedBytes();
    long c0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    WayfinderConfig config = ConfigLoader.load(file);
    long t1 = System.nanoTime();
    long c1 = THREADS.getCurrentThreadCpuTime();
    long a1 = THREADS.getCurrentThreadAllocatedBytes();
    Registry registry = new Registry();
    registry.sink(Service.Source.CONFIG).replaceAll(config.services());
    List<Service> list = registry.services();
    long t2 = System.nanoTime();
    long a2 = THREADS.getCurrentThreadAllocatedBytes();
    long peakBytes = peak.finish();
    long both = liveBytes() - baseline;
    if (histogramLines > 0) {
      histogram(histogramLines);
    }
    config = null; // the registry alone from here on
    long registryOnly = liveBytes() - baseline;
    System.out.printf(
        "round %d: load %5.0f ms (cpu %5.0f ms, allocated %4d MB), registry %4.0f ms (%3d MB), total %5.0f ms;"
            + " peak heap %4d MB; live: config+registry %3d MB, registry alone %3d MB"
            + " (%d services)%n",
        round,
        (t1 - t0) / 1e6,
        (c1 - c0) / 1e6,
        (a1 - a0) >> 20,
        (t2 - t1) / 1e6,
        (a2 - a1) >> 20,
        (t2 - t0) / 1e6,
        peakBytes >> 20,
        both >> 20,
        registryOnly >> 20,
        list.size());
  }

  /** The config file: {@code zone.BenchZone}'s text, written line by line. */
  static void write(Path file, int services) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("dns:\n  listen: [\"127.0.0.1:5353\"]\n  zone: svc.cluster.local\n");
      w.write("  ttl: 30\n  reverse: true\n  forward: {upstreams: []}\n");
      w.write("query_log: {mode: \"off\"}\nservices:\n");
      for (int n = 0; n < services; n++) {
        w.write("  - name: s" + n + "\n    ttl: 30\n");
        w.write("    ports: [{name: http, protocol: tcp, port: 8080}]\n    endpoints:\n");
        for (int i = 0; i < 3; i++) {
          int v = n * 3 + i;
          String ip = "198." + (18 + (v >> 16)) + "." + ((v >> 8) & 0xFF) + "." + (v & 0xFF);
          w.write("      - {address: " + ip + ", weight: 10}\n");
        }
        w.write("      - {address: \"2001:db8::" + Integer.toHexString((n + 1) >> 16) + ":");
        w.write(Integer.toHexString((n + 1) & 0xFFFF) + "\", weight: 10}\n");
      }
    }
  }

  private static long liveBytes() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /** The top of {@code jcmd PID GC.class_histogram}, through the diagnostic command MBean. */
  private static void histogram(int lines) throws Exception {
    Object out =
        ManagementFactory.getPlatformMBeanServer()
            .invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram",
                new Object[] {new String[0]},
                new String[] {String[].class.getName()});
    String[] rows = String.valueOf(out).split("\n");
    for (int i = 0; i < Math.min(rows.length, lines + 3); i++) {
      System.out.println("  " + rows[i]);
    }
    System.out.println("  " + rows[rows.length - 1]);
  }

  /** Samples the used heap every millisecond on a daemon thread and keeps the largest. */
  private static final class PeakSampler implements Runnable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread = new Thread(this, "heap-peak-sampler");
    private volatile boolean running = true;

    static PeakSampler start() {
      PeakSampler s = new PeakSampler();
      s.thread.setDaemon(true);
      s.thread.start();
      return s;
    }

    @Override
    public void run() {
      while (running) {
        peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long finish() throws InterruptedException {
      running = false;
      thread.join();
      return Math.max(peak.get(), MEMORY.getHeapMemoryUsage().getUsed());
    }
  }
}
