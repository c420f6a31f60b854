package dev.wayfinder.testing;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Unbound serving test data from {@code local-zone: static} + {@code local-data:}, used as
 * Wayfinder's upstream. Its statistics ({@code unbound-control stats_noreset}) tell how many
 * queries reached it, which is how the tests see Wayfinder's cache work.
 */
public final class UnboundPeer implements AutoCloseable {
  private final PeerProcess process;
  private final Path config;
  private final InetSocketAddress address;

  private UnboundPeer(PeerProcess process, Path config, InetSocketAddress address) {
    this.process = process;
    this.config = config;
    this.address = address;
  }

  /**
   * Starts Unbound on a free loopback port, authoritative-looking for {@code zone} with the given
   * {@code local-data} records (presentation format), and waits until it answers.
   */
  public static UnboundPeer start(Path dir, String zone, List<String> localData) {
    int port = FreePorts.udpAndTcp();
    int controlPort = FreePorts.udpAndTcp();
    Path config = dir.resolve("unbound.conf");
    PeerProcess.write(config, render(dir, port, controlPort, zone, localData));
    PeerProcess p =
        PeerProcess.start("unbound", dir, List.of("unbound", "-d", "-c", config.toString()));
    InetSocketAddress address = new InetSocketAddress(FreePorts.loopback(), port);
    UnboundPeer peer = new UnboundPeer(p, config, address);
    // Ready when it answers and its control channel, which the tests read, answers too.
    p.awaitReady(() -> DnsProbe.answersAtAll(address, zone) && peer.queriesSeen() >= 0);
    return peer;
  }

  public InetSocketAddress address() {
    return address;
  }

  /** {@code host:port} as Wayfinder's config writes an upstream. */
  public String hostPort() {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /** {@code total.num.queries}: every query Unbound has received since it started. */
  public long queriesSeen() {
    ProcessRun run =
        ProcessRun.of(
            Duration.ofSeconds(10),
            List.of("unbound-control", "-c", config.toString(), "stats_noreset"));
    if (run.exitCode() != 0) {
      throw new AssertionError("unbound-control failed: " + run.stderr() + run.stdout());
    }
    return run.stdout()
        .lines()
        .filter(l -> l.startsWith("total.num.queries="))
        .mapToLong(l -> Long.parseLong(l.substring(l.indexOf('=') + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no total.num.queries in:\n" + run.stdout()));
  }

  @Override
  public void close() {
    process.close();
  }

  private static String render(
      Path dir, int port, int controlPort, String zone, List<String> data) {
    StringBuilder b = new StringBuilder();
    b.append("server:\n");
    b.append("  interface: 127.0.0.1\n  port: ").append(port).append('\n');
    b.append("  do-ip6: no\n  num-threads: 1\n  chroot: \"\"\n  username: \"\"\n");
    b.append("  directory: \"").append(dir).append("\"\n");
    b.append("  pidfile: \"").append(dir.resolve("unbound.pid")).append("\"\n");
    b.append("  use-syslog: no\n  logfile: \"\"\n  verbosity: 0\n");
    b.append("  module-config: \"iterator\"\n");
    b.append("  access-control: 127.0.0.0/8 allow\n");
    b.append("  local-zone: \"").append(zone).append(".\" static\n");
    for (String rr : data) {
      b.append("  local-data: \"").append(rr).append("\"\n");
    }
    b.append("remote-control:\n  control-enable: yes\n  control-interface: 127.0.0.1\n");
    b.append("  control-port: ").append(controlPort).append("\n  control-use-cert: no\n");
    return b.toString();
  }
}
