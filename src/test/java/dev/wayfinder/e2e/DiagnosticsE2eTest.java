package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.AdminClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.testing.FreePorts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /diagnostics} of a running daemon reports on the config's {@code diagnostics.targets}
 * through the daemon's own upstreams (the classifications themselves are {@code DiagnosticsTest}'s,
 * against real Knot and TLS servers).
 */
class DiagnosticsE2eTest {
  @TempDir Path dir;

  @Test
  void reportsEachConfiguredTargetThroughTheUpstreams() throws Exception {
    // An upstream that never answers: the name cannot be resolved.
    String silent = "127.0.0.1:" + FreePorts.udpAndTcp();
    String yaml =
        new E2eConfig(dir).upstreams(silent).yaml()
            + "diagnostics: {targets: [\"shop.example.test:8443\"], timeout: 300ms}\n";
    try (RunningDaemon daemon = RunningDaemon.start(yaml)) {
      HttpResponse<String> r = daemon.admin().get("/diagnostics");

      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode targets = json(r).get("targets");
      assertThat(targets).hasSize(1);
      assertThat(targets.get(0).get("target").asText()).isEqualTo("shop.example.test:8443");
      assertThat(targets.get(0).get("classification").asText()).isEqualTo("dns_resolution_failed");
    }
  }
}
