package dev.wayfinder.testing;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Knot DNS ({@code knotd}) on a free loopback port, in one of two roles: a primary serving
 * zone files (which is also what forwarding tests use as a plain upstream: Knot answers for its
 * zones and never recurses), or a secondary that loads a zone by AXFR from a primary (Wayfinder),
 * as a real deployment would. Zone names may be given with or without the trailing dot.
 */
public final class KnotPeer implements AutoCloseable {
  private final PeerProcess process;
  private final InetSocketAddress address;

  private KnotPeer(PeerProcess process, InetSocketAddress address) {
    this.process = process;
    this.address = address;
  }

  /** Knot as primary for {@code zone} with {@code zoneFile} (RFC 1035 master file text). */
  public static KnotPeer primary(Path dir, String zone, String zoneFile) {
    return primary(dir, Map.of(zone, zoneFile));
  }

  /**
   * Knot as primary for every zone of {@code zones} (origin to master file text); returns once it
   * answers each zone's SOA with NOERROR.
   */
  public static KnotPeer primary(Path dir, Map<String, String> zones) {
    StringBuilder section = new StringBuilder("zone:\n");
    for (Map.Entry<String, String> zone : zones.entrySet()) {
      String file = fileName(zone.getKey());
      PeerProcess.write(dir.resolve(file), zone.getValue());
      section.append("  - domain: ").append(absolute(zone.getKey())).append('\n');
      section.append("    file: \"").append(file).append("\"\n");
    }
    KnotPeer peer = start(dir, section.toString(), 0);
    peer.process.awaitReady(
        () -> zones.keySet().stream().allMatch(z -> DnsProbe.servesZone(peer.address, z)));
    return peer;
  }

  /**
   * Knot as secondary for {@code zone}, transferring it from {@code primary} at start and again
   * whenever the primary sends NOTIFY. Returns once Knot answers at all; the transfer may still be
   * under way.
   */
  public static KnotPeer secondary(Path dir, String zone, InetSocketAddress primary) {
    return secondary(dir, zone, primary, 0);
  }

  /**
   * As {@link #secondary(Path, String, InetSocketAddress)}, listening on {@code port} (0 = a free
   * one): a primary that sends NOTIFY is configured with the port before Knot starts.
   */
  public static KnotPeer secondary(Path dir, String zone, InetSocketAddress primary, int port) {
    return secondary(dir, zone, primary, port, null);
  }

  /**
   * As {@link #secondary(Path, String, InetSocketAddress, int)}, with {@code key} (a TSIG key:
   * name, algorithm, base64 secret; or null): transfers are asked signed with it, and NOTIFY is
   * accepted only signed with it.
   */
  public static KnotPeer secondary(
      Path dir, String zone, InetSocketAddress primary, int port, String[] key) {
    String host = primary.getAddress().getHostAddress();
    String keyRef = key == null ? "" : "\n    key: " + key[0];
    String keys =
        key == null
            ? ""
            : "key:\n  - id: "
                + key[0]
                + "\n    algorithm: "
                + key[1]
                + "\n    secret: "
                + key[2]
                + "\n";
    String section =
        keys
            + "remote:\n  - id: primary\n    address: "
            + host
            + "@"
            + primary.getPort()
            + keyRef
            + "\nacl:\n  - id: notify-from-primary\n    address: "
            + host
            + keyRef
            + "\n    action: notify"
            + "\nzone:\n  - domain: "
            + absolute(zone)
            + "\n    master: primary\n    acl: notify-from-primary\n    file: \""
            + fileName(zone)
            + "\"\n";
    KnotPeer peer = start(dir, section, port);
    peer.process.awaitReady(() -> DnsProbe.answersAtAll(peer.address, zone));
    return peer;
  }

  public InetSocketAddress address() {
    return address;
  }

  /** knotd's log so far, for failure messages. */
  public String log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }

  /** {@code zone} with exactly one trailing dot. */
  static String absolute(String zone) {
    return zone.endsWith(".") ? zone : zone + ".";
  }

  private static String fileName(String zone) {
    return absolute(zone) + "zone";
  }

  private static KnotPeer start(Path dir, String zoneSection, int wanted) {
    int port = wanted == 0 ? FreePorts.udpAndTcp() : wanted;
    Path config = dir.resolve("knot.conf");
    PeerProcess.write(config, render(dir, port) + zoneSection);
    PeerProcess p = PeerProcess.start("knotd", dir, List.of("knotd", "-c", config.toString()));
    return new KnotPeer(p, new InetSocketAddress(FreePorts.loopback(), port));
  }

  private static String render(Path dir, int port) {
    return "server:\n"
        + "  rundir: \""
        + dir
        + "\"\n"
        + "  pidfile: \""
        + dir.resolve("knot.pid")
        + "\"\n"
        + "  listen: 127.0.0.1@"
        + port
        + "\n"
        + "  udp-workers: 1\n  tcp-workers: 1\n  background-workers: 1\n"
        + "database:\n  storage: \""
        + dir.resolve("db")
        + "\"\n"
        + "log:\n  - target: stderr\n    any: info\n"
        + "template:\n  - id: default\n    storage: \""
        + dir
        + "\"\n"
        + "    zonefile-sync: -1\n    journal-content: none\n";
  }
}
