package dev.wayfinder.cli;

import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.Service;
import dev.wayfinder.registry.ServiceSink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Change-to-answer latency through the whole daemon, and a steady churn of changes for a CPU
 * comparison: starts a {@link Daemon} from a config file (bench/changes.sh writes one of the
 * benchmark zone), then
 *
 * <ol>
 *   <li>{@code ROUNDS} times each, one at a time: adds a service through the API's sink, removes
 *       it, and changes an endpoint address of a config service through the file's sink; each is
 *       timed from the registry call returning until a UDP question to the daemon gets the new
 *       answer (NOERROR, NXDOMAIN, the new address). Prints median, p99 and max per kind.
 *   <li>with {@code RATE} > 0: writes the DNS port to {@code PORT_FILE} and changes one config
 *       service's endpoint {@code RATE} times a second for {@code SECONDS}; with {@code RATE} 0 it
 *       only serves for that long (the quiet side of the comparison).
 * </ol>
 *
 * <pre>ChangeProbe CONFIG ROUNDS RATE SECONDS PORT_FILE</pre>
 */
public final class ChangeProbe {
  private static final int WARM_UP_ROUNDS = 50;

  private final Registry registry;
  private final DatagramChannel socket;
  private final ByteBuffer reply = ByteBuffer.allocate(4096);
  private final List<Service> configServices;
  private int serial;

  private ChangeProbe(Daemon daemon) throws IOException {
    this.registry = daemon.registry();
    this.socket = DatagramChannel.open();
    socket.connect(daemon.dnsAddresses().get(0));
    socket.socket().setSoTimeout(200);
    this.configServices = registry.services();
  }

  public static void main(String[] args) throws Exception {
    Daemon daemon = Daemon.start(ConfigLoader.load(Path.of(args[0])));
    try {
      ChangeProbe probe = new ChangeProbe(daemon);
      int rounds = Integer.parseInt(args[1]);
      if (rounds > 0) {
        probe.latencies(WARM_UP_ROUNDS, false);
        probe.latencies(rounds, true);
      }
      int rate = Integer.parseInt(args[2]);
      Duration length = Duration.ofSeconds(Long.parseLong(args[3]));
      Files.writeString(Path.of(args[4]), daemon.dnsAddresses().get(0).getPort() + "\n");
      long applied = probe.churn(rate, length);
      System.out.printf("churn rate=%d/s seconds=%d applied=%d%n", rate, length.toSeconds(), applied);
    } finally {
      daemon.stop(Duration.ofSeconds(5));
    }
  }

  private void latencies(int rounds, boolean print) throws IOException {
    long[][] took = new long[3][rounds];
    ServiceSink api = registry.sink(Service.Source.API);
    ServiceSink file = registry.sink(Service.Source.CONFIG);
    for (int i = 0; i < rounds; i++) {
      Service template = configServices.get(i % configServices.size());
      String name = "probe-" + (serial++);
      Service added = rename(template, name, Service.Source.API);
      api.apply(List.of(added), List.of());
      took[0][i] = awaitAnswer(name, 0, null);
      api.apply(List.of(), List.of(name));
      took[1][i] = awaitAnswer(name, 3, null);
      InetAddress fresh = freshAddress();
      file.apply(List.of(withFirstAddress(template, fresh)), List.of());
      took[2][i] = awaitAnswer(template.name(), 0, fresh.getAddress());
    }
    if (print) {
      String[] kinds = {"add", "remove", "change"};
      for (int k = 0; k < 3; k++) {
        long[] t = took[k];
        Arrays.sort(t);
        System.out.printf(
            "change-to-answer %-6s n=%d median_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
            kinds[k], rounds, t[rounds / 2] / 1e6, t[(int) (rounds * 0.99)] / 1e6, t[rounds - 1] / 1e6);
      }
    }
  }

  /**
   * Asks {@code name} A until the reply has {@code rcode} (and holds {@code address} when given);
   * returns the nanoseconds that took.
   */
  private long awaitAnswer(String name, int rcode, byte[] address) throws IOException {
    long t0 = System.nanoTime();
    byte[] query =
        Message.newQuery(
                Record.newRecord(Name.fromString(name + ".svc.cluster.local."), Type.A, DClass.IN))
            .toWire();
    while (System.nanoTime() - t0 < 10_000_000_000L) {
      socket.write(ByteBuffer.wrap(query));
      reply.clear();
      if (socket.read(reply) > 12
          && (reply.get(3) & 0xf) == rcode
          && (address == null || contains(reply, address))) {
        return System.nanoTime() - t0;
      }
    }
    throw new IllegalStateException(name + " never answered rcode " + rcode);
  }

  private static boolean contains(ByteBuffer buf, byte[] needle) {
    byte[] b = Arrays.copyOf(buf.array(), buf.position());
    outer:
    for (int i = 12; i + needle.length <= b.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (b[i + k] != needle[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Changes one config service's first endpoint {@code rate} times a second. */
  private long churn(int rate, Duration length) {
    long end = System.nanoTime() + length.toNanos();
    if (rate <= 0) {
      LockSupport.parkNanos(length.toNanos());
      return 0;
    }
    ServiceSink file = registry.sink(Service.Source.CONFIG);
    long period = 1_000_000_000L / rate;
    long next = System.nanoTime();
    long applied = 0;
    while (next < end) {
      Service s = configServices.get(ThreadLocalRandom.current().nextInt(configServices.size()));
      file.apply(List.of(withFirstAddress(s, freshAddress())), List.of());
      applied++;
      next += period;
      LockSupport.parkNanos(next - System.nanoTime());
    }
    return applied;
  }

  private InetAddress freshAddress() {
    int n = serial++;
    byte[] a = {(byte) 10, (byte) (200 + ((n >> 16) & 31)), (byte) (n >> 8), (byte) n};
    try {
      return InetAddress.getByAddress(a);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Service rename(Service s, String name, Service.Source source) {
    return new Service(
        name, s.ttl(), s.ports(), s.endpoints(), s.health(), s.failOpen(), s.maxAnswers(), source);
  }

  private static Service withFirstAddress(Service s, InetAddress address) {
    List<Endpoint> endpoints = new ArrayList<>(s.endpoints());
    Endpoint first = endpoints.get(0);
    endpoints.set(
        0,
        new Endpoint(address, first.hostname(), first.weight(), first.priority(), first.ordinal()));
    return new Service(
        s.name(),
        s.ttl(),
        s.ports(),
        endpoints,
        s.health(),
        s.failOpen(),
        s.maxAnswers(),
        s.source());
  }
}
