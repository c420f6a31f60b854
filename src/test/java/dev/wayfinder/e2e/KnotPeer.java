package dev.wayfinder.e2e;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Knot DNS ({@code knotd}) on a free loopback port: either a primary serving a zone file, or
 * a secondary that loads a zone by AXFR from a primary (Wayfinder), as a real deployment would.
 */
final class KnotPeer implements AutoCloseable {
  private final PeerProcess process;
  private final InetSocketAddress address;

  private KnotPeer(PeerProcess process, InetSocketAddress address) {
    this.process = process;
    this.address = address;
  }

  /** Knot as primary for {@code zone} with {@code zoneFile} (RFC 1035 master file text). */
  static KnotPeer primary(Path dir, String zone, String zoneFile) {
    UnboundPeer.write(dir.resolve(zone + ".zone"), zoneFile);
    String zoneSection = "zone:\n  - domain: " + zone + ".\n    file: \"" + zone + ".zone\"\n";
    KnotPeer peer = start(dir, zoneSection);
    DigRunner dig = new DigRunner(peer.address);
    peer.process.awaitReady(() -> "NOERROR".equals(dig.dig(zone, "SOA").status()));
    return peer;
  }

  /**
   * Knot as secondary for {@code zone}, transferring it from {@code primary} at start. Returns once
   * Knot answers at all; the transfer may still be under way.
   */
  static KnotPeer secondary(Path dir, String zone, InetSocketAddress primary) {
    String remote =
        "remote:\n  - id: primary\n    address: "
            + primary.getAddress().getHostAddress()
            + "@"
            + primary.getPort()
            + "\n";
    String zoneSection =
        remote
            + "zone:\n  - domain: "
            + zone
            + ".\n    master: primary\n    file: \""
            + zone
            + ".zone\"\n";
    KnotPeer peer = start(dir, zoneSection);
    DigRunner dig = new DigRunner(peer.address);
    peer.process.awaitReady(() -> dig.dig(zone, "SOA").answered());
    return peer;
  }

  InetSocketAddress address() {
    return address;
  }

  String log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }

  private static KnotPeer start(Path dir, String zoneSection) {
    int port = FreePorts.udpAndTcp();
    Path config = dir.resolve("knot.conf");
    UnboundPeer.write(config, render(dir, port) + zoneSection);
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
