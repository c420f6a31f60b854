package dev.wayfinder.health;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real Knot DNS server on a free loopback port, authoritative for {@code health.test.} (loaded)
 * and {@code broken.test.} (its zone file does not parse, so Knot answers SERVFAIL for it).
 */
final class KnotServer implements AutoCloseable {
  static final String ZONE =
      """
      $ORIGIN health.test.
      @    300 IN SOA ns admin 1 3600 600 86400 300
      @    300 IN NS  ns
      ns   300 IN A   127.0.0.1
      www  300 IN A   192.0.2.1
      """;

  private final Process process;
  private final int port;

  private KnotServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static KnotServer start(Path dir) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, Fixtures.LOCAL)) {
      port = s.getLocalPort();
    }
    Files.writeString(dir.resolve("health.test.zone"), ZONE);
    Files.writeString(dir.resolve("broken.test.zone"), "this is not a zone file\n");
    String conf =
        """
        server:
            rundir: "%1$s"
            listen: 127.0.0.1@%2$d
            udp-workers: 1
            tcp-workers: 1
            background-workers: 1
        database:
            storage: "%1$s/db"
        log:
          - target: stderr
            any: error
        template:
          - id: default
            storage: "%1$s"
            zonefile-sync: -1
            journal-content: none
        zone:
          - domain: health.test.
            file: health.test.zone
          - domain: broken.test.
            file: broken.test.zone
        """
            .formatted(dir, port);
    Path confFile = Files.writeString(dir.resolve("knot.conf"), conf);
    Process process =
        new ProcessBuilder("knotd", "-c", confFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("knotd.log").toFile())
            .start();
    KnotServer knot = new KnotServer(process, port);
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> process.isAlive() && knot.answersSoa());
    } catch (RuntimeException e) {
      knot.close();
      throw new IOException(
          "knotd did not start: " + Files.readString(dir.resolve("knotd.log")), e);
    }
    return knot;
  }

  private boolean answersSoa() throws IOException {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(Fixtures.LOCAL, port));
    resolver.setTimeout(Duration.ofMillis(500));
    Message q =
        Message.newQuery(Record.newRecord(Name.fromString("health.test."), Type.SOA, DClass.IN));
    return resolver.send(q).getRcode() == Rcode.NOERROR;
  }

  int port() {
    return port;
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
