package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wayfinder.testing.DigRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query log of a real daemon asked by {@code dig}: JSON lines appended to a file while it
 * serves (mode {@code full}), only the errors in {@code errors-only}, and every line flushed when
 * it stops.
 */
class QueryLogE2eTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  RunningDaemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void fullModeAppendsALinePerQueryWhileServing() throws Exception {
    Path file = dir.resolve("queries.log");
    Files.writeString(file, "{\"earlier\": true}\n"); // appended to, not replaced
    daemon = start("{mode: full, path: \"" + file + "\"}");
    DigRunner dig = daemon.client();
    dig.dig(fqdn("web"), "A");
    dig.dig(fqdn("nothing-here"), "AAAA", "+tcp");
    dig.dig("www.example.test.", "A"); // no upstreams: REFUSED

    List<JsonNode> lines = awaitLines(file, 4);
    assertThat(lines.get(0).has("earlier")).isTrue();
    JsonNode web = lines.get(1);
    assertThat(web.get("time").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(web.get("client").asText()).isEqualTo("127.0.0.1");
    assertThat(web.get("proto").asText()).isEqualTo("udp");
    assertThat(web.get("name").asText()).isEqualTo(fqdn("web"));
    assertThat(web.get("type").asText()).isEqualTo("A");
    assertThat(web.get("rcode").asText()).isEqualTo("NOERROR");
    assertThat(web.get("answers").asInt()).isEqualTo(2);
    assertThat(web.get("latency_us").asLong()).isNotNegative();
    assertThat(web.get("source").asText()).isEqualTo("zone");
    JsonNode missing = lines.get(2);
    assertThat(missing.get("proto").asText()).isEqualTo("tcp");
    assertThat(missing.get("type").asText()).isEqualTo("AAAA");
    assertThat(missing.get("rcode").asText()).isEqualTo("NXDOMAIN");
    assertThat(missing.get("answers").asInt()).isZero();
    JsonNode refused = lines.get(3);
    assertThat(refused.get("name").asText()).isEqualTo("www.example.test.");
    assertThat(refused.get("rcode").asText()).isEqualTo("REFUSED");
    assertThat(refused.get("source").asText()).isEqualTo("refused");
  }

  @Test
  void errorsOnlyLogsRefusedButNotAnswersOrNxdomain() throws Exception {
    Path file = dir.resolve("errors.log");
    daemon = start("{mode: errors-only, path: \"" + file + "\"}");
    DigRunner dig = daemon.client();
    dig.dig(fqdn("web"), "A");
    dig.dig(fqdn("nothing-here"), "A");
    dig.dig("www.example.test.", "A");
    daemon.close(); // flushes
    daemon = null;

    List<JsonNode> lines = read(file);
    assertThat(lines).extracting(l -> l.get("rcode").asText()).containsExactly("REFUSED");
  }

  @Test
  void sampledAtZeroLogsNothingAndAtOneLogsEverything() throws Exception {
    Path none = dir.resolve("none.log");
    daemon = start("{mode: sampled, sample_rate: 0, path: \"" + none + "\"}");
    for (int i = 0; i < 5; i++) {
      daemon.client().dig(fqdn("web"), "A");
    }
    daemon.close();
    Path all = dir.resolve("all.log");
    daemon = start("{mode: sampled, sample_rate: 1, path: \"" + all + "\"}");
    for (int i = 0; i < 5; i++) {
      daemon.client().dig(fqdn("web"), "A");
    }
    daemon.close();
    daemon = null;

    assertThat(read(none)).isEmpty();
    assertThat(read(all)).hasSize(5);
  }

  @Test
  void aPathThatCannotBeOpenedStopsTheStart() {
    Path missing = dir.resolve("no-such-dir").resolve("queries.log");
    assertThatThrownBy(() -> start("{mode: full, path: \"" + missing + "\"}"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("query_log.path: cannot append to " + missing);
  }

  private RunningDaemon start(String queryLog) throws Exception {
    return RunningDaemon.start(
        new E2eConfig(dir.resolve("data")).yaml() + "query_log: " + queryLog + "\n");
  }

  private static List<JsonNode> awaitLines(Path file, int count) {
    List<JsonNode> lines = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions() // a line being written is not JSON yet
        .untilAsserted(
            () -> {
              lines.clear();
              lines.addAll(read(file));
              assertThat(lines).hasSize(count);
            });
    return lines;
  }

  private static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }
}
