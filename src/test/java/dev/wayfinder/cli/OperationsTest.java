package dev.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.Service;
import dev.wayfinder.testing.WebhookReceiver;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing started, stopped and started again, as a cluster's leadership terms do, between a real
 * registry and health checker and a real webhook receiver: each term is a fresh publisher that
 * starts from the sets of its start and delivers the changes of its term.
 */
class OperationsTest {
  static final Duration DEADLINE = Duration.ofSeconds(10);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  WebhookReceiver receiver;
  Registry registry;
  HealthChecker health;
  Operations operations;

  /** Whether {@code spare}'s first endpoint is drained now. */
  boolean spareDrained;

  @BeforeEach
  void start() throws Exception {
    receiver = new WebhookReceiver();
    WayfinderConfig config =
        ConfigLoader.parse(
            "operations.yaml",
            """
            dns: {listen: ["127.0.0.1:0"], zone: svc.example}
            data_dir: "%s"
            services:
              - name: web
                endpoints: [{address: 10.0.0.1}, {address: 10.0.0.2}, {address: 10.0.0.3}]
              - name: spare
                endpoints: [{address: 10.0.9.1}, {address: 10.0.9.2}]
            publish:
              - type: webhook
                url: "%s"
            """
                .formatted(dir, receiver.url()));
    registry = new Registry();
    health = new HealthChecker();
    registry.addListener(health::apply);
    registry.sink(Service.Source.CONFIG).replaceAll(config.services());
    health.update(registry.services());
    operations =
        new Operations(
            config.withoutServices(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  @AfterEach
  void stop() {
    if (operations != null) {
      operations.close();
    }
    if (health != null) {
      health.stop(Duration.ofSeconds(2));
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void publishingStartsAgainAfterItStoppedAndTheSecondTermDeliversAChange() throws Exception {
    assertThat(operations.publishStatus()).isEmpty();

    operations.startPublishing(registry, health);
    assertThat(operations.publishStatus()).hasSize(1);
    awaitPublishing();
    int posted = posts("web");
    health.drain("web", ip("10.0.0.1"));
    JsonNode first = awaitPost("web", posted);
    assertThat(texts(first.get("before"))).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    assertThat(texts(first.get("after"))).containsExactly("10.0.0.2", "10.0.0.3");

    operations.stopPublishing(Duration.ofSeconds(2));
    assertThat(operations.publishStatus()).isEmpty();
    health.drain("web", ip("10.0.0.2")); // between terms: part of the next term's starting sets

    operations.startPublishing(registry, health);
    assertThat(operations.publishStatus()).hasSize(1);
    assertThat(operations.publishStatus().get(0).status()).isEqualTo("ok");
    awaitPublishing();
    posted = posts("web");
    health.undrain("web", ip("10.0.0.1"));
    JsonNode second = awaitPost("web", posted);
    assertThat(texts(second.get("before"))).containsExactly("10.0.0.3");
    assertThat(texts(second.get("after"))).containsExactly("10.0.0.1", "10.0.0.3");

    operations.stopPublishing(Duration.ofSeconds(2));
    assertThat(operations.publishStatus()).isEmpty();
  }

  /**
   * Waits until the publisher of this term has taken its starting sets: until it has, a change is
   * part of those sets and not posted. {@code spare} turns until the receiver hears of it.
   */
  private void awaitPublishing() throws Exception {
    int before = posts("spare");
    InetAddress turning = ip("10.0.9.1");
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              if (posts("spare") > before) {
                return true;
              }
              spareDrained = !spareDrained;
              if (spareDrained) {
                health.drain("spare", turning);
              } else {
                health.undrain("spare", turning);
              }
              return false;
            });
  }

  /** The body of the POST about {@code service} after the first {@code before}, waiting for it. */
  private JsonNode awaitPost(String service, int before) throws Exception {
    await().atMost(DEADLINE).until(() -> posts(service) > before);
    List<JsonNode> about = bodies(service);
    assertThat(about).hasSize(before + 1);
    return about.get(before);
  }

  private int posts(String service) throws Exception {
    return bodies(service).size();
  }

  private List<JsonNode> bodies(String service) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (WebhookReceiver.Received r : receiver.delivered()) {
      JsonNode body = JSON.readTree(r.body());
      if (body.get("service").asText().equals(service)) {
        out.add(body);
      }
    }
    return out;
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }
}
