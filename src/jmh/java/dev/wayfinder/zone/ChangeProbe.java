package dev.wayfinder.zone;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The registry-change figures of {@link ScaleProbe}: a service added, removed, or one endpoint's
 * address changed, each timed from {@link ZoneManager#apply} returning until {@link
 * ZoneManager#current()}'s {@code find} answers the new way (median, p99), one change at a time;
 * then a steady churn of changes, with the CPU the rebuild and background build threads spend per
 * second of it and the CPU a lookup thread spends per question with and without it.
 */
final class ChangeProbe {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final ZoneManager zones;
  private final List<Service> all;
  private final Random rnd = new Random(13);
  private int nextAddress;

  /** The last snapshot the churn saw, for counting new ones and whole builds. */
  private ZoneSnapshot lastSeen;

  ChangeProbe(ZoneManager zones, List<Service> all) {
    this.zones = zones;
    this.all = new ArrayList<>(all);
  }

  /** Adds, removes and changes {@code count} services each, one at a time, printing the delays. */
  void measureOneAtATime(int count, boolean print) {
    long[] added = new long[count];
    long[] removed = new long[count];
    long[] changed = new long[count];
    for (int i = 0; i < count; i++) {
      Service s = newService("added-" + nextAddress);
      added[i] = timed(List.of(s), List.of(), s.name(), a -> a.rcode() == Rcode.NOERROR);
      all.add(s);
    }
    for (int i = 0; i < count; i++) {
      Service s = all.remove(rnd.nextInt(all.size()));
      removed[i] = timed(List.of(), List.of(s.name()), s.name(), a -> a.rcode() == Rcode.NXDOMAIN);
    }
    for (int i = 0; i < count; i++) {
      int at = rnd.nextInt(all.size());
      Service s = withNewFirstAddress(all.get(at));
      all.set(at, s);
      byte[] address = s.endpoints().get(0).address().getAddress();
      changed[i] =
          timed(List.of(s), List.of(), s.name() + "-1", a -> ends(a.variant(0), address));
    }
    if (print) {
      print("service added", added);
      print("service removed", removed);
      print("endpoint address changed", changed);
    }
  }

  /**
   * {@code perSecond} changes of one endpoint's address a second, {@code seconds} in all, in five
   * phases with as long quiet phases between them (interleaved, so drift of the shared machine
   * falls on both), while a lookup thread asks {@code questions} in a loop; prints the rebuild and
   * background build threads' CPU per second of churn, and the lookup thread's CPU per question,
   * the median of the quiet phases against that of the churn phases.
   */
  void measureChurn(int perSecond, int seconds, List<BenchZone.Question> questions)
      throws InterruptedException {
    int rounds = 5;
    long phaseNanos = seconds * 1_000_000_000L / rounds;
    AtomicInteger phase = new AtomicInteger(-1);
    double[] nsPerQuestion = new double[2 * rounds];
    Thread lookups =
        Thread.ofPlatform()
            .name("lookups")
            .start(() -> askPerPhase(questions, phase, nsPerQuestion));
    long rebuildCpu0 = threadCpu("zone-rebuild");
    long compactCpu0 = threadCpu("zone-compact");
    long serial0 = zones.current().serial();
    long churnNanos = 0;
    int[] builds = new int[2]; // snapshots seen, whole builds among them
    lastSeen = zones.current();
    for (int r = 0; r < rounds; r++) {
      phase.set(2 * r);
      LockSupport.parkNanos(phaseNanos);
      phase.set(2 * r + 1);
      long start = System.nanoTime();
      churn(perSecond, phaseNanos, builds);
      churnNanos += System.nanoTime() - start;
    }
    phase.set(2 * rounds);
    lookups.join();
    seen(builds); // a whole build swapped in during the last quiet phase
    double elapsed = churnNanos / 1e9;
    System.out.printf(
        "churn %d changes/s for %.1f s: rebuild thread CPU %.3f s per s, background build thread"
            + " %.3f s per s (%d whole builds swapped in), serial +%d, >= %d snapshots seen%n",
        perSecond,
        elapsed,
        (threadCpu("zone-rebuild") - rebuildCpu0) / 1e9 / elapsed,
        (threadCpu("zone-compact") - compactCpu0) / 1e9 / elapsed,
        builds[1],
        zones.current().serial() - serial0,
        builds[0]);
    double[] quiet = new double[rounds];
    double[] churn = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      quiet[r] = nsPerQuestion[2 * r];
      churn[r] = nsPerQuestion[2 * r + 1];
    }
    System.out.printf(
        "lookup CPU per question (median of %d phases each): quiet %.0f ns, during churn %.0f ns"
            + " (%+.1f%%); quiet %s, churn %s%n",
        rounds,
        median(quiet),
        median(churn),
        100 * (median(churn) / median(quiet) - 1),
        Arrays.toString(Arrays.stream(quiet).mapToLong(Math::round).toArray()),
        Arrays.toString(Arrays.stream(churn).mapToLong(Math::round).toArray()));
  }

  /** One churn phase: {@code perSecond} changes a second for {@code nanos}. */
  private void churn(int perSecond, long nanos, int[] builds) {
    long start = System.nanoTime();
    long interval = 1_000_000_000L / perSecond;
    for (long i = 0; i * interval < nanos; i++) {
      LockSupport.parkNanos(start + i * interval - System.nanoTime());
      int at = rnd.nextInt(all.size());
      Service s = withNewFirstAddress(all.get(at));
      all.set(at, s);
      zones.apply(List.of(s), List.of());
      seen(builds);
    }
  }

  /** Counts the current snapshot if new, and as a whole build when it has fewer added names. */
  private void seen(int[] builds) {
    ZoneSnapshot now = zones.current();
    if (now != lastSeen) {
      builds[0]++;
      builds[1] += now.addedNames() < lastSeen.addedNames() ? 1 : 0;
      lastSeen = now;
    }
  }

  /** Asks in a loop, recording the CPU per question of each phase, until the phase passes the end. */
  private void askPerPhase(
      List<BenchZone.Question> questions, AtomicInteger phase, double[] nsPerQuestion) {
    int current = -1;
    long cpu0 = 0;
    long asked = 0;
    long sink = 0;
    while (true) {
      int now = phase.get();
      if (now != current) {
        if (current >= 0) {
          nsPerQuestion[current] = (double) (THREADS.getCurrentThreadCpuTime() - cpu0) / asked;
        }
        if (now >= nsPerQuestion.length) {
          break;
        }
        current = now;
        cpu0 = THREADS.getCurrentThreadCpuTime();
        asked = 0;
      }
      for (BenchZone.Question q : questions) {
        ZoneAnswer a = zones.current().find(q.wireName(), q.wireName().length, q.qtype());
        sink += a == null ? 0 : a.ancount();
      }
      asked += questions.size();
    }
    if (sink == 42) {
      System.out.print(""); // keeps the answers used
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Applies the change and polls (every 20 us) until {@code name} A answers as {@code done}. */
  private long timed(
      List<Service> put, List<String> removed, String name, Predicate<ZoneAnswer> done) {
    byte[] wire = wire(name);
    long start = System.nanoTime();
    zones.apply(put, removed);
    while (true) {
      ZoneAnswer a = zones.current().find(wire, wire.length, Type.A);
      if (a != null && done.test(a)) {
        return System.nanoTime() - start;
      }
      LockSupport.parkNanos(20_000);
    }
  }

  private static boolean ends(byte[] tail, byte[] address) {
    return Arrays.equals(
        tail, tail.length - address.length, tail.length, address, 0, address.length);
  }

  /** A service of 3 IPv4 and 1 IPv6 endpoints of new addresses, and an http/tcp port. */
  private Service newService(String name) {
    List<Endpoint> eps = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      eps.add(new Endpoint(newAddress(i == 4), null, 1, 0, i));
    }
    return new Service(
        name,
        10,
        List.of(new Port("http", "tcp", 80)),
        eps,
        all.get(0).health(),
        true,
        0,
        Service.Source.API);
  }

  /** {@code s} with its first endpoint at a new IPv4 address. */
  private Service withNewFirstAddress(Service s) {
    List<Endpoint> eps = new ArrayList<>(s.endpoints());
    Endpoint e = eps.get(0);
    eps.set(0, new Endpoint(newAddress(false), e.hostname(), e.weight(), e.priority(), 1));
    return new Service(
        s.name(), s.ttl(), s.ports(), eps, s.health(), s.failOpen(), s.maxAnswers(), s.source());
  }

  private InetAddress newAddress(boolean v6) {
    int n = nextAddress++;
    byte[] b = v6 ? new byte[16] : new byte[4];
    b[0] = (byte) (v6 ? 0xfd : 172);
    b[1] = (byte) (v6 ? 0x77 : 31);
    b[b.length - 2] = (byte) (n >> 8);
    b[b.length - 1] = (byte) n;
    if (!v6) {
      b[1] = (byte) (16 + (n >> 16));
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] wire(String relative) {
    try {
      return Name.fromString(relative + "." + BenchZone.ZONE + ".").toWireCanonical();
    } catch (TextParseException e) {
      throw new IllegalArgumentException(relative, e);
    }
  }

  /** CPU time of the thread named {@code name} so far, or 0 when there is none (yet). */
  private static long threadCpu(String name) {
    for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (t != null && t.getThreadName().equals(name)) {
        return THREADS.getThreadCpuTime(t.getThreadId());
      }
    }
    return 0;
  }

  private static void print(String what, long[] delays) {
    Arrays.sort(delays);
    int n = delays.length;
    System.out.printf(
        "%s -> current() over %d changes: median %.2f ms, p99 %.2f ms, max %.2f ms%n",
        what, n, delays[n / 2] / 1e6, delays[(int) (n * 0.99)] / 1e6, delays[n - 1] / 1e6);
  }
}
