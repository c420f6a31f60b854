package dev.wayfinder.testing;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A stock PowerDNS Authoritative ({@code pdns_server}) on a free loopback port, serving from the
 * remote backend at {@code connection} (PowerDNS's {@code remote-connection-string}, e.g. {@code
 * unix:path=/d/pdns.sock} or {@code http:url=http://127.0.0.1:8053/pdns}). Its caches are off, so
 * every query reaches the backend and a change shows in the next answer.
 */
public final class PdnsPeer implements AutoCloseable {
  private final PeerProcess process;
  private final InetSocketAddress address;

  private PdnsPeer(PeerProcess process, InetSocketAddress address) {
    this.process = process;
    this.address = address;
  }

  /** Starts PowerDNS in {@code dir}; returns once it answers the SOA of {@code zone}. */
  public static PdnsPeer start(Path dir, String connection, String zone) {
    int port = FreePorts.udpAndTcp();
    List<String> command =
        List.of(
            "pdns_server",
            "--no-config",
            "--daemon=no",
            "--guardian=no",
            "--disable-syslog",
            "--write-pid=no",
            "--socket-dir=" + dir,
            "--local-address=127.0.0.1",
            "--local-port=" + port,
            "--launch=remote",
            "--remote-connection-string=" + connection,
            "--cache-ttl=0",
            "--query-cache-ttl=0",
            "--negquery-cache-ttl=0",
            "--distributor-threads=1",
            "--receiver-threads=1",
            "--loglevel=6");
    InetSocketAddress address = new InetSocketAddress(FreePorts.loopback(), port);
    PdnsPeer peer = new PdnsPeer(PeerProcess.start("pdns", dir, command), address);
    try {
      peer.process.awaitReady(() -> DnsProbe.servesZone(address, zone));
    } catch (RuntimeException | Error e) {
      peer.close();
      throw e;
    }
    return peer;
  }

  public InetSocketAddress address() {
    return address;
  }

  public DigRunner client() {
    return new DigRunner(address);
  }

  public String log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }
}
