package dev.wayfinder.health;

import static dev.wayfinder.health.Fixtures.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.registry.HealthSpec.Type;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shared http client keeps connections alive between probes, and reads only the first 64 KiB of
 * a body, against a raw socket server that counts its connections.
 */
class HttpKeepAliveTest {

  /** Answers every request on a connection with {@code body}, keep-alive, until the peer closes. */
  private static final class CountingServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger connections = new AtomicInteger();
    private final byte[] body;

    CountingServer(byte[] body) throws IOException {
      this.body = body;
      Thread.ofVirtual().start(this::accept);
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          connections.incrementAndGet();
          Thread.ofVirtual().start(() -> serve(s));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s;
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
        OutputStream out = s.getOutputStream();
        String line;
        while ((line = in.readLine()) != null) {
          if (line.isEmpty()) { // end of one request's headers
            String head = "HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
          }
        }
      } catch (IOException e) {
        // the client closed mid-body: expected for the 64 KiB case
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

  @Test
  void consecutiveProbesReuseOneConnection() throws Exception {
    try (CountingServer server = new CountingServer("ok".getBytes(StandardCharsets.US_ASCII));
        Probe probe =
            Probes.create(Fixtures.relaxed(Fixtures.health(Type.HTTP, server.target())))) {
      for (int i = 0; i < 5; i++) {
        assertThat(probe.check(LOCAL)).isEqualTo(ProbeResult.pass("HTTP 200"));
      }
      assertThat(server.connections.get()).isEqualTo(1);
    }
  }

  @Test
  void aBodyLargerThan64KibIsJudgedOnItsPrefix() throws Exception {
    byte[] body = new byte[HttpProbe.BODY_LIMIT * 4];
    java.util.Arrays.fill(body, (byte) 'x');
    byte[] early = "READY".getBytes(StandardCharsets.US_ASCII);
    byte[] late = "LATER".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(early, 0, body, 10, early.length); // in the first 64 KiB
    System.arraycopy(late, 0, body, HttpProbe.BODY_LIMIT + 10, late.length); // beyond them
    try (CountingServer server = new CountingServer(body)) {
      var h = Fixtures.relaxed(Fixtures.health(Type.HTTP, server.target()));
      try (Probe found = Probes.create(Fixtures.withBody(h, "READY"));
          Probe beyond = Probes.create(Fixtures.withBody(h, "LATER"))) {
        assertThat(found.check(LOCAL)).isEqualTo(ProbeResult.pass("HTTP 200"));
        assertThat(beyond.check(LOCAL))
            .isEqualTo(ProbeResult.fail("HTTP 200, body lacks \"LATER\""));
      }
    }
  }
}
