package dev.wayfinder.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wayfinder.pdns.RemoteBackend;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Arbitrary text as one PowerDNS remote-backend call, as the Unix socket hands it over, and as the
 * path of an HTTP connector call ({@code lookup/QNAME/QTYPE}, split at {@code /}): every call is
 * answered with a JSON object holding {@code result}; nothing throws.
 */
class PdnsBackendFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static FuzzZone zone;
  private static RemoteBackend backend;

  @BeforeAll
  static void start() {
    zone = new FuzzZone();
    backend = new RemoteBackend(zone.zone);
  }

  @AfterAll
  static void stop() {
    zone.close();
  }

  @FuzzTest(maxDuration = "30s")
  void remoteBackendCall(byte[] input) throws Exception {
    String call = new String(input, StandardCharsets.UTF_8);
    JsonNode answer = JSON.readTree(backend.handle(call));
    assertThat(answer.isObject()).as("answer is an object: %s", answer).isTrue();
    assertThat(answer.has("result")).as("answer has a result: %s", answer).isTrue();

    List<String> path = Arrays.asList(call.split("/", -1));
    JsonNode rest = backend.rest(path);
    assertThat(rest.has("result")).as("HTTP answer has a result: %s", rest).isTrue();
  }
}
