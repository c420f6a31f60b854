package dev.wayfinder.health;

import static dev.wayfinder.health.Fixtures.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.HealthSpec.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Health targets that never finish an answer (issue "Hostile input": "health targets that hang or
 * send endless bodies are cut at the timeout and the byte limit"): a raw socket server that, after
 * the request's headers, streams a chunked body or header lines until the probe closes the
 * connection, which it counts. A target that accepts and never answers is {@link
 * HttpHealthTest#slowEndpointTimesOutWithoutDelayingAnother}.
 */
class HostileHttpTargetTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  /** Writes {@code head}, then {@code unit} again and again until the peer goes away. */
  private static final class EndlessServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger closedByPeer = new AtomicInteger();
    private final byte[] head;
    private final byte[] unit;

    EndlessServer(String head, String unit) throws IOException {
      this.head = head.getBytes(StandardCharsets.US_ASCII);
      this.unit = unit.getBytes(StandardCharsets.US_ASCII);
      Thread.ofVirtual().start(this::accept);
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          Thread.ofVirtual().start(() -> serve(s));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s) {
        InputStream in = s.getInputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) { // the request's headers end with CRLF CRLF
          int b = in.read();
          if (b < 0) {
            return;
          }
          last4 = (last4 << 8) | b;
        }
        OutputStream out = s.getOutputStream();
        out.write(head);
        while (!socket.isClosed()) {
          out.write(unit);
        }
      } catch (IOException e) {
        closedByPeer.incrementAndGet(); // the probe closed the connection: the write failed
      }
    }

    String target() {
      return "http://{}:" + socket.getLocalPort() + "/health";
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static String chunk() {
    char[] x = new char[4096];
    Arrays.fill(x, 'x');
    return "1000\r\n" + new String(x) + "\r\n"; // 4096 bytes a chunk
  }

  private static HealthSpec spec(EndlessServer server) {
    return Fixtures.withTimeout(
        Fixtures.health(Type.HTTP, server.target()), Duration.ofSeconds(3), TIMEOUT);
  }

  @Test
  void anEndlessBodyIsCutAtTheTimeoutWhenTheBodyIsNotLookedAt() throws Exception {
    try (EndlessServer server =
            new EndlessServer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", chunk());
        Probe probe = Probes.create(spec(server))) {
      long start = System.nanoTime();
      ProbeResult result = probe.check(LOCAL);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(result).isEqualTo(ProbeResult.timeout("timeout after 500ms"));
      assertThat(took).isLessThan(TIMEOUT.plusSeconds(2));
      await("the probe closed the connection")
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.closedByPeer.get() == 1);
    }
  }

  @Test
  void anEndlessBodyIsCutAt64KibWhenTheBodyIsLookedAt() throws Exception {
    try (EndlessServer server =
            new EndlessServer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", chunk());
        Probe probe = Probes.create(Fixtures.withBody(spec(server), "READY"))) {
      ProbeResult result = probe.check(LOCAL);

      assertThat(result).isEqualTo(ProbeResult.fail("HTTP 200, body lacks \"READY\""));
      await("the probe closed the connection at the byte limit")
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.closedByPeer.get() == 1);
    }
  }

  @Test
  void endlessHeadersFailTheProbeBeforeTheTimeout() throws Exception {
    try (EndlessServer server =
            new EndlessServer("HTTP/1.1 200 OK\r\n", "X-Pad: " + "y".repeat(1000) + "\r\n");
        Probe probe = Probes.create(spec(server))) {
      ProbeResult result = probe.check(LOCAL);

      assertThat(result.outcome()).as(result.detail()).isEqualTo(ProbeOutcome.FAIL);
      await("the probe closed the connection")
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.closedByPeer.get() == 1);
    }
  }
}
