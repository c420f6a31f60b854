package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wayfinder.testing.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "Webhook" end to end: a daemon probes real HTTP health targets the test flips, and each
 * change of a service's answer set reaches a real receiver as a signed POST; {@code GET
 * /api/v1/publish} and {@code /metrics} report the target.
 */
class PublishWebhookE2eTest {
  static final Duration DEADLINE = Duration.ofSeconds(15);
  static final String SECRET = "hook-secret";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  HealthTargets targets;
  WebhookReceiver receiver;
  RunningDaemon daemon;

  @BeforeEach
  void start() throws Exception {
    targets = new HealthTargets();
    receiver = new WebhookReceiver();
    // a generous timeout: a probe slowed by a busy machine must not flip an endpoint
    String health =
        "{type: http, target: \"%s\", interval: 1s, timeout: 1s, rise: 1, fall: 2}"
            .formatted(targets.target());
    String yaml =
        HealthYaml.config(
                dir,
                """
                - name: web
                  endpoints: [{address: 10.9.0.1}, {address: 10.9.0.2}, {address: 10.9.0.3}]
                  health: %s
                - name: other
                  endpoints: [{address: 10.9.1.1}, {address: 10.9.1.2}]
                  health: %s
                """
                    .formatted(health, health))
            + """
            publish:
              - type: webhook
                url: "%s?token=hidden"
                secret: "%s"
                services: [web]
            """
                .formatted(receiver.url(), SECRET);
    daemon = RunningDaemon.start(yaml);
    await("first health round")
        .atMost(HealthDaemon.VERDICT)
        .until(() -> daemon.daemon().health().firstRoundDone());
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (targets != null) {
      targets.close();
    }
  }

  @Test
  void aHealthFlipPostsTheNewSetSignedAndTheApiShowsTheTarget() throws Exception {
    JsonNode before = publishStatus();
    assertThat(before.get("type").asText()).isEqualTo("webhook");
    assertThat(before.get("target").asText()).isEqualTo(receiver.url());
    assertThat(before.get("status").asText()).isEqualTo("ok");
    assertThat(metrics().has("wayfinder_publish_updates_total{result=\"ok\"")).isTrue();

    targets.set("10.9.0.2", 503);
    targets.set("10.9.1.1", 503); // not in the webhook's services: never posted
    await().atMost(DEADLINE).until(() -> lastAfter().equals(List.of("10.9.0.1", "10.9.0.3")));

    WebhookReceiver.Received r = receiver.delivered().get(0);
    assertThat(r.contentType()).isEqualTo("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("service").asText()).isEqualTo("web");
    assertThat(body.get("name").asText()).isEqualTo("web." + E2eConfig.ZONE + ".");
    assertThat(texts(body.get("before"))).containsExactly("10.9.0.1", "10.9.0.2", "10.9.0.3");
    assertDeliveredInOneChain();

    JsonNode ok = publishStatus();
    assertThat(ok.get("status").asText()).isEqualTo("ok");
    assertThat(ok.get("last_success").asText()).isNotEmpty();
    assertThat(ok.get("pending").asInt()).isZero();

    // the receiver fails: the target shows failing, then delivers the set once it answers again
    receiver.failNext(500, 500, 500);
    targets.set("10.9.0.2", 200);
    await().atMost(DEADLINE).until(() -> publishStatus().get("status").asText().equals("failing"));
    assertThat(publishStatus().get("last_error").asText()).contains("HTTP 500");
    assertThat(admin("/readyz").statusCode()).isEqualTo(200); // publishing never affects readiness

    await()
        .atMost(DEADLINE)
        .until(() -> lastAfter().equals(List.of("10.9.0.1", "10.9.0.2", "10.9.0.3")));
    await().atMost(DEADLINE).until(() -> publishStatus().get("status").asText().equals("ok"));
    assertDeliveredInOneChain();

    String target = receiver.url();
    ScrapedMetrics m = metrics();
    assertThat(
            m.value(
                "wayfinder_publish_updates_total{result=\"http_500\",target=\"" + target + "\"}"))
        .isEqualTo(3);
    assertThat(m.value("wayfinder_publish_updates_total{result=\"ok\",target=\"" + target + "\"}"))
        .isEqualTo(receiver.delivered().size());
    assertThat(admin("/api/v1/publish").body()).doesNotContain("hidden", SECRET);
  }

  /** The {@code after} of the last delivered POST; empty before the first. */
  private List<String> lastAfter() throws Exception {
    List<WebhookReceiver.Received> delivered = receiver.delivered();
    return delivered.isEmpty()
        ? List.of()
        : texts(JSON.readTree(delivered.get(delivered.size() - 1).body()).get("after"));
  }

  /**
   * Every delivered POST is signed, is about {@code web}, and starts from the set the one before
   * ended with (the first from all three, as at start), whatever the probes did in between.
   */
  private void assertDeliveredInOneChain() throws Exception {
    List<String> last = List.of("10.9.0.1", "10.9.0.2", "10.9.0.3");
    for (WebhookReceiver.Received x : receiver.delivered()) {
      assertThat(x.signature()).isEqualTo("sha256=" + hmac(x.body()));
      JsonNode body = JSON.readTree(x.body());
      assertThat(body.get("service").asText()).isEqualTo("web");
      assertThat(texts(body.get("before"))).isEqualTo(last);
      last = texts(body.get("after"));
    }
    for (WebhookReceiver.Received x : receiver.received()) {
      assertThat(JSON.readTree(x.body()).get("service").asText()).isEqualTo("web");
    }
  }

  private JsonNode publishStatus() throws Exception {
    var response = admin("/api/v1/publish");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode all = JSON.readTree(response.body()).get("targets");
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private java.net.http.HttpResponse<String> admin(String path) {
    return daemon.admin().get(path);
  }

  private ScrapedMetrics metrics() {
    return ScrapedMetrics.parse(admin("/metrics").body());
  }

  static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  static String hmac(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
