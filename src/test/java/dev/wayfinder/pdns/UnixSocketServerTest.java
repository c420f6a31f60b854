package dev.wayfinder.pdns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket's life cycle and its framing: JSON calls in, one answer line per call out. */
class UnixSocketServerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final RemoteBackend backend = new RemoteBackend(RemoteBackendTest::snapshot);

  @TempDir Path dir;

  @Test
  void answersEachCallOnALineInOrder() throws Exception {
    try (UnixSocketServer server = UnixSocketServer.start(backend, dir.resolve("pdns.sock"));
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(server.path()));
      OutputStream out = Channels.newOutputStream(c);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
      // Two calls in one write, the second without a line end: each is answered on its own line.
      out.write(
          ("{\"method\":\"initialize\",\"parameters\":{}}\n"
                  + "{\"method\":\"lookup\",\"parameters\":{\"qname\":\"web.example.org.\",\"qtype\":\"A\"}}")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(MAPPER.readTree(in.readLine()).get("result").asBoolean()).isTrue();
      JsonNode lookup = MAPPER.readTree(in.readLine()).get("result");
      assertThat(lookup.get(0).get("content").asText()).isEqualTo("10.0.0.1");
    }
  }

  @Test
  void replacesAStaleFileIsOwnerAndGroupOnlyAndIsDeletedAtStop() throws Exception {
    Path socket = dir.resolve("pdns.sock");
    Files.writeString(socket, "left by a killed daemon");
    UnixSocketServer server = UnixSocketServer.start(backend, socket);
    try {
      assertThat(Files.getPosixFilePermissions(socket))
          .isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
    } finally {
      server.stop(Duration.ofSeconds(2));
    }
    assertThat(socket).doesNotExist();
  }

  @Test
  void aPathTooLongForASocketLeavesNoServerAndNoError() {
    Path deep = dir.resolve("d".repeat(120));
    assertThat(UnixSocketServer.startOrWarn(backend, deep)).isNull();
  }
}
