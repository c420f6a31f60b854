package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.cli.Daemon;
import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.testing.DigRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "Reload": services created through the API survive reloads of the file, a file that takes
 * an API service's name is rejected, and a PUT of a name the file holds is 409; a daemon started
 * again on the same {@code data_dir} serves what the API created.
 */
class AdminReloadE2eTest {
  private static final Duration VISIBLE = Duration.ofSeconds(5);
  private static final String CART = "{\"endpoints\": [{\"address\": \"10.7.0.1\"}]}";

  @TempDir Path dir;
  Path file;
  Daemon daemon;
  AdminClient api;
  DigRunner dig;

  @BeforeEach
  void start() throws Exception {
    file = dir.resolve("wayfinder.yaml");
    Files.writeString(file, config(ConfigReloadE2eTest.WEB_AND_DB));
    restart();
  }

  private void restart() throws Exception {
    daemon = Daemon.start(ConfigLoader.load(file));
    api = new AdminClient(daemon.adminAddress());
    dig = new DigRunner(daemon.dnsAddresses().get(0));
  }

  @AfterEach
  void stop() {
    daemon.stop(Duration.ofSeconds(5));
  }

  private String config(String services) {
    return """
        dns:
          listen: ["127.0.0.1:0"]
          zone: svc.cluster.local
          forward: {upstreams: []}
        admin: {listen: "127.0.0.1:0"}
        data_dir: "%s"
        services:
        %s"""
        .formatted(dir.resolve("data"), services);
  }

  @Test
  void apiServicesSurviveAReload() throws Exception {
    assertThat(api.put("/api/v1/services/cart", CART).statusCode()).isEqualTo(201);
    await().atMost(VISIBLE).until(() -> dig.dig(fqdn("cart"), "A").answered());

    Files.writeString(file, config(ConfigReloadE2eTest.WEB_AND_DB + ConfigReloadE2eTest.LATE));

    assertThat(daemon.reload()).isEmpty();
    await().atMost(VISIBLE).until(() -> dig.dig(fqdn("late"), "A").answered());
    assertThat(dig.dig(fqdn("cart"), "A").answers("A")).containsExactly("10.7.0.1");
    assertThat(AdminClient.json(api.get("/api/v1/services/cart")).get("source").asText())
        .isEqualTo("api");
    assertThat(api.put("/api/v1/services/late", CART).statusCode()).isEqualTo(409);
  }

  @Test
  void aFileThatTakesAnApiServicesNameIsRejected() throws Exception {
    assertThat(api.put("/api/v1/services/cart", CART).statusCode()).isEqualTo(201);

    Files.writeString(
        file,
        config(
            ConfigReloadE2eTest.WEB_AND_DB
                + """
                  - name: cart
                    endpoints: [{address: 10.0.9.9}]
                """));

    assertThat(daemon.reload())
        .singleElement()
        .asString()
        .contains("cart: the name belongs to a service created through the API");
    await().atMost(VISIBLE).until(() -> dig.dig(fqdn("cart"), "A").answered());
    assertThat(dig.dig(fqdn("cart"), "A").answers("A")).containsExactly("10.7.0.1");
  }

  @Test
  void aRestartServesWhatTheApiCreatedDrainedAndPutInMaintenance() throws Exception {
    assertThat(api.put("/api/v1/services/cart", CART).statusCode()).isEqualTo(201);
    assertThat(api.post("/api/v1/services/web/endpoints/10.0.0.2/drain", "").statusCode())
        .isEqualTo(200);
    assertThat(api.post("/api/v1/services/db/maintenance", "{\"on\": true}").statusCode())
        .isEqualTo(200);
    daemon.stop(Duration.ofSeconds(5));

    restart();

    // No waiting: the first answer after the start has them.
    assertThat(dig.dig(fqdn("cart"), "A").answers("A")).containsExactly("10.7.0.1");
    assertThat(dig.dig(fqdn("web"), "A").answers("A")).containsExactly("10.0.0.1");
    assertThat(dig.dig(fqdn("db"), "A").answers("A")).isEmpty();
    assertThat(AdminClient.json(api.get("/api/v1/services/db")).get("maintenance").asBoolean())
        .isTrue();

    assertThat(api.delete("/api/v1/services/cart").statusCode()).isEqualTo(204);
    assertThat(api.post("/api/v1/services/web/endpoints/10.0.0.2/undrain", "").statusCode())
        .isEqualTo(200);
    daemon.stop(Duration.ofSeconds(5));
    restart();

    assertThat(dig.dig(fqdn("cart"), "A").status()).isEqualTo("NXDOMAIN");
    assertThat(dig.dig(fqdn("web"), "A").answers("A")).hasSize(2);
  }
}
