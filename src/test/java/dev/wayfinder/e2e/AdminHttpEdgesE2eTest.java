package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.AdminApiE2eTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the admin listener does with requests that are too big or not HTTP at all: a JSON 413 or
 * 400, and the server goes on serving.
 */
class AdminHttpEdgesE2eTest {
  private static final int MIB = 1 << 20;

  @TempDir Path dir;
  RunningDaemon daemon;
  AdminClient api;

  @BeforeEach
  void start() throws Exception {
    daemon = RunningDaemon.start(new E2eConfig(dir).yaml());
    api = daemon.admin();
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  @Test
  void aBodyOverOneMibIs413() {
    String big = "{\"endpoints\": [], \"pad\": \"" + "x".repeat(MIB) + "\"}";

    assertError(
        api.put("/api/v1/services/cart", big),
        413,
        "the request body is larger than " + MIB + " bytes",
        null);
    assertThat(api.get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void aChunkedBodyOverOneMibIs413OnTheWire() throws IOException {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("PUT /api/v1/services/cart HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                  + "Content-Type: application/json\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
      try {
        for (int i = 0; i < 20; i++) {
          out.write(
              (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
      } catch (IOException closedEarly) {
        // the server answered and closed before the rest was sent: read what it said
      }
      String answer = readOneResponse(s);
      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat(answer).contains("application/json").contains("\"error\"");
    }
    assertThat(api.get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void anExpectContinueForABodyOverOneMibIsAJson413InsteadOfTheGoAhead() throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream()
          .write(
              ("PUT /api/v1/services/cart HTTP/1.1\r\nHost: x\r\nContent-Length: "
                      + (2 * MIB)
                      + "\r\nExpect: 100-continue\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = readOneResponse(s);
      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat(answer).contains("application/json").endsWith("bytes\"}");
    }
  }

  @Test
  void garbageIs400AndTheServerKeepsServing() throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream()
          .write("\u0001\u0002 nonsense\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      String answer = readAll(s);
      assertThat(answer).startsWith("HTTP/1.1 400");
      assertThat(answer).contains("{\"error\":\"malformed HTTP request\"}");
    }
    try (Socket s = connect()) {
      s.getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(readAll(s)).startsWith("HTTP/1.1 400");
    }
    assertThat(api.get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void aConnectionKeptAliveServesSeveralRequestsInOrder() throws IOException {
    try (Socket s = connect()) {
      // Pipelined: the answers come back in the order of the requests.
      String three =
          "GET /api/v1/services HTTP/1.1\r\nHost: x\r\n\r\n"
              + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
              + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
      s.getOutputStream().write(three.getBytes(StandardCharsets.US_ASCII));
      String answer = readAll(s);
      assertThat(answer.indexOf("{\"services\":"))
          .isPositive()
          .isLessThan(answer.indexOf("HTTP/1.1 404"));
      assertThat(answer.indexOf("HTTP/1.1 404")).isLessThan(answer.indexOf("{\"status\":\"ok\"}"));
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(daemon.adminAddress().getAddress(), daemon.adminAddress().getPort());
    s.setSoTimeout((int) AdminClient.DEADLINE.toMillis());
    return s;
  }

  /** One response: the head, then as many body bytes as its Content-Length says. */
  private static String readOneResponse(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (!got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      got.write(b);
    }
    String head = got.toString(StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
    int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
    got.write(in.readNBytes(length));
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  /** Everything until the server closes (each test's last request closes the connection). */
  private static String readAll(Socket s) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        got.write(buf, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // closed with unread input on the server side: what arrived before is the answer
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }
}
