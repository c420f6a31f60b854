package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigRunner;
import dev.wayfinder.testing.FreePorts;
import dev.wayfinder.testing.PeerProcess;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md: "A change made through the API is durable when the call returns". {@code serve} runs as
 * a process of its own; a service is PUT and an endpoint drained, the process is killed with
 * SIGKILL right after the 2xx, and a new process on the same {@code data_dir} answers both in DNS
 * while {@code /readyz} is still 503 (the restored service's probe target never answers, so the
 * first health round takes its whole timeout), then turns ready.
 */
class AdminDurabilityE2eTest {
  private static final Duration JVM_RUN = Duration.ofSeconds(60);
  private static final Pattern ADMIN =
      Pattern.compile("admin API on http://127\\.0\\.0\\.1:(\\d+)");

  /**
   * The probe interval and timeout of the restored service: its first probe starts at a random
   * point of the first interval and lasts the whole timeout, so the daemon is not ready for at
   * least this long, time enough to look at DNS, and is ready within twice this.
   */
  private static final Duration HANG = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void aKilledDaemonKeepsWhatTheApiAnsweredAndDnsHasItBeforeReady() throws Exception {
    int port = FreePorts.udpAndTcp();
    Path config = dir.resolve("wayfinder.yaml");
    Files.writeString(
        config, new E2eConfig(dir.resolve("data")).listen("127.0.0.1:" + port).yaml());
    DigRunner dig = new DigRunner(new InetSocketAddress(FreePorts.loopback(), port));
    // Accepts connections into its backlog and never answers: the probe waits its whole timeout.
    try (ServerSocket silent = new ServerSocket(0, 50, FreePorts.loopback())) {
      String slow =
          """
          {"endpoints": [{"address": "10.8.0.1"}],
           "health": {"type": "http", "target": "http://127.0.0.1:%d/", "interval": "%ds",
                      "timeout": "%ds"}}
          """
              .formatted(silent.getLocalPort(), HANG.toSeconds(), HANG.toSeconds());

      try (PeerProcess first = serve("first", config)) {
        first.awaitReady(JVM_RUN, () -> dig.dig(fqdn("web"), "A").answered());
        AdminClient api = new AdminClient(adminAddress(first));
        assertThat(api.put("/api/v1/services/slow", slow).statusCode()).isEqualTo(201);
        HttpResponse<String> drained =
            api.post("/api/v1/services/web/endpoints/10.0.0.1/drain", "");
        assertThat(drained.statusCode()).isEqualTo(200);
        assertThat(first.kill(Duration.ofSeconds(5))).as("SIGKILL right after the 2xx").isTrue();
      }

      try (PeerProcess second = serve("second", config)) {
        second.awaitReady(JVM_RUN, () -> dig.dig(fqdn("slow"), "A").answered());
        AdminClient api = new AdminClient(adminAddress(second));

        assertThat(dig.dig(fqdn("slow"), "A").answers("A")).containsExactly("10.8.0.1");
        assertThat(dig.dig(fqdn("web"), "A").answers("A")).containsExactly("10.0.0.2");
        HttpResponse<String> notReady = api.get("/readyz");
        assertThat(notReady.statusCode()).as("DNS answered before ready").isEqualTo(503);
        assertThat(AdminClient.json(notReady).get("status").asText()).isEqualTo("not ready");
        assertThat(AdminClient.json(notReady).get("reason").asText()).contains("health");
        assertThat(AdminClient.json(api.get("/api/v1/services/slow")).get("source").asText())
            .isEqualTo("api");

        await("ready once the first round is done")
            .atMost(HANG.multipliedBy(2).plus(Duration.ofSeconds(15)))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> api.get("/readyz").statusCode() == 200);
        assertThat(dig.dig(fqdn("web"), "A").answers("A")).containsExactly("10.0.0.2");
      }
    }
  }

  private PeerProcess serve(String name, Path config) {
    return PeerProcess.start(name, dir, ChildJvm.command("serve", "--config", config.toString()));
  }

  /** The admin listener's address, from the log line that reports it (it asked for port 0). */
  private static InetSocketAddress adminAddress(PeerProcess serve) {
    serve.awaitReady(JVM_RUN, () -> ADMIN.matcher(serve.log()).find());
    Matcher m = ADMIN.matcher(serve.log());
    assertThat(m.find()).isTrue();
    return new InetSocketAddress(FreePorts.loopback(), Integer.parseInt(m.group(1)));
  }
}
