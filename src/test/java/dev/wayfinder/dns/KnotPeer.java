package dev.wayfinder.dns;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Type;

/** knotd serving one zone on a free loopback port: the real upstream for forwarding tests. */
final class KnotPeer implements AutoCloseable {
  private final Process process;
  private final InetSocketAddress address;

  private KnotPeer(Process process, InetSocketAddress address) {
    this.process = process;
    this.address = address;
  }

  static KnotPeer start(Path dir, String origin, String zoneText) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.writeString(dir.resolve("peer.zone"), zoneText);
    String conf =
        "server:\n  rundir: \"" + dir + "\"\n  listen: 127.0.0.1@" + port + "\n"
            + "  udp-workers: 1\n  tcp-workers: 1\n  background-workers: 1\n"
            + "database:\n  storage: \"" + dir.resolve("db") + "\"\n"
            + "template:\n  - id: default\n    storage: \"" + dir + "\"\n"
            + "    zonefile-sync: -1\n    journal-content: none\n"
            + "zone:\n  - domain: " + origin + "\n    file: peer.zone\n";
    Files.writeString(dir.resolve("knot.conf"), conf);
    Process p =
        new ProcessBuilder("knotd", "-c", dir.resolve("knot.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("knotd.log").toFile())
            .start();
    KnotPeer peer = new KnotPeer(p, new InetSocketAddress("127.0.0.1", port));
    try {
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> Clients.send(peer.address, Queries.message(origin, Type.SOA, DClass.IN), false).getRcode() == 0);
    } catch (RuntimeException e) {
      peer.close();
      throw new IOException("knotd did not start: " + Files.readString(dir.resolve("knotd.log")), e);
    }
    return peer;
  }

  InetSocketAddress address() {
    return address;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
