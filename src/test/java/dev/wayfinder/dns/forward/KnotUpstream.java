package dev.wayfinder.dns.forward;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.DClass;

/** A real Knot DNS authoritative server on a free loopback port, serving the given zones. */
final class KnotUpstream implements AutoCloseable {
  private final Process process;
  private final InetSocketAddress address;

  private KnotUpstream(Process process, InetSocketAddress address) {
    this.process = process;
    this.address = address;
  }

  /**
   * Writes {@code knot.conf} and the zone files into {@code dir}, starts {@code knotd} and waits
   * until it answers the first zone's SOA.
   *
   * @param zones zone origin (with trailing dot) to zone file text
   */
  static KnotUpstream start(Path dir, Map<String, String> zones) throws IOException {
    int port = freePort();
    StringBuilder conf = new StringBuilder();
    conf.append("server:\n")
        .append("    rundir: \"").append(dir).append("\"\n")
        .append("    listen: 127.0.0.1@").append(port).append('\n')
        .append("    udp-workers: 1\n    tcp-workers: 1\n    background-workers: 1\n")
        .append("database:\n    storage: \"").append(dir.resolve("db")).append("\"\n")
        .append("log:\n  - target: stderr\n    any: warning\n")
        .append("template:\n  - id: default\n    storage: \"").append(dir).append("\"\n")
        .append("    zonefile-sync: -1\n    zonefile-load: whole\n    journal-content: none\n")
        .append("zone:\n");
    for (Map.Entry<String, String> zone : zones.entrySet()) {
      String file = zone.getKey() + "zone";
      Files.writeString(dir.resolve(file), zone.getValue());
      conf.append("  - domain: ").append(zone.getKey()).append('\n')
          .append("    file: \"").append(file).append("\"\n");
    }
    Path confFile = dir.resolve("knot.conf");
    Files.writeString(confFile, conf);
    Process process =
        new ProcessBuilder("knotd", "-c", confFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("knotd.log").toFile())
            .start();
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    KnotUpstream knot = new KnotUpstream(process, address);
    String firstZone = zones.keySet().iterator().next();
    try {
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> process.isAlive() && answersSoa(address, firstZone));
    } catch (RuntimeException e) {
      knot.close();
      throw new IOException("knotd did not start: " + Files.readString(dir.resolve("knotd.log")), e);
    }
    return knot;
  }

  private static boolean answersSoa(InetSocketAddress address, String zone) throws Exception {
    SimpleResolver resolver = new SimpleResolver(address);
    resolver.setTimeout(Duration.ofMillis(500));
    Message query = Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN));
    return resolver.send(query).getRcode() == Rcode.NOERROR;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  InetSocketAddress address() {
    return address;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
