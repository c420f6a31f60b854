package dev.wayfinder.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wayfinder.admin.MicrometerPublishMetrics;
import dev.wayfinder.registry.IpLiteral;
import dev.wayfinder.testing.WebhookReceiver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC.md "Webhook" against a real HTTP receiver on loopback. */
class WebhookTargetTest {
  static final Duration DEADLINE = Duration.ofSeconds(10);
  static final String SECRET = "s3cr3t-ü";
  static final ObjectMapper JSON = new ObjectMapper();

  WebhookReceiver receiver;
  SimpleMeterRegistry meters;
  MicrometerPublishMetrics outcomes;
  WebhookTarget target;

  @BeforeEach
  void start() throws Exception {
    receiver = new WebhookReceiver();
    meters = new SimpleMeterRegistry();
    outcomes = new MicrometerPublishMetrics(meters);
  }

  @AfterEach
  void stop() {
    if (target != null) {
      target.stop(Duration.ofSeconds(2));
    }
    receiver.close();
  }

  private WebhookTarget target(String secret) {
    target =
        new WebhookTarget(
            URI.create(receiver.url()), secret, outcomes, new Backoff(Duration.ofMillis(100)));
    target.start(Map.of());
    return target;
  }

  @Test
  void postsTheChangeAsSignedJson() throws Exception {
    target(SECRET);
    Instant time = Instant.parse("2026-03-04T05:06:07.123Z");
    target.changed(
        new AnswerSetChange(
            time, "web", "web.svc.example.", ips("10.0.0.1", "10.0.0.2"), ips("10.0.0.1")));

    await().atMost(DEADLINE).until(() -> receiver.delivered().size() == 1);
    WebhookReceiver.Received r = receiver.delivered().get(0);
    assertThat(r.contentType()).isEqualTo("application/json");
    assertThat(r.signature()).isEqualTo("sha256=" + hmac(SECRET, r.body()));
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("time").asText()).isEqualTo("2026-03-04T05:06:07.123Z");
    assertThat(body.get("service").asText()).isEqualTo("web");
    assertThat(body.get("name").asText()).isEqualTo("web.svc.example.");
    assertThat(texts(body.get("before"))).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(texts(body.get("after"))).containsExactly("10.0.0.1");
    await().atMost(DEADLINE).until(() -> target.status().status().equals("ok"));
    assertThat(target.status().lastSuccess()).isNotNull();
    assertThat(updates("ok")).isEqualTo(1);
  }

  @Test
  void aResyncingTargetSendsEverySetAtStart() throws Exception {
    target =
        new WebhookTarget(
            URI.create(receiver.url()),
            null,
            outcomes,
            new Backoff(Duration.ofMillis(100)),
            "svc.example");
    target.start(Map.of("web", ips("10.0.0.1"), "api", ips("10.0.1.1", "10.0.1.2")));

    await().atMost(DEADLINE).until(() -> receiver.delivered().size() == 2);
    Map<String, JsonNode> byService = new java.util.HashMap<>();
    for (WebhookReceiver.Received r : receiver.delivered()) {
      JsonNode body = JSON.readTree(r.body());
      byService.put(body.get("service").asText(), body);
    }
    assertThat(byService.get("web").get("name").asText()).isEqualTo("web.svc.example.");
    assertThat(texts(byService.get("api").get("after"))).containsExactly("10.0.1.1", "10.0.1.2");
    assertThat(texts(byService.get("api").get("before")))
        .as("what the receiver had is not known: the set itself")
        .containsExactly("10.0.1.1", "10.0.1.2");
  }

  @Test
  void withoutASecretTheBodyIsNotSigned() {
    target(null);
    target.changed(change(List.of(), ips("2001:db8:0:0::1", "10.0.0.1")));
    await().atMost(DEADLINE).until(() -> receiver.delivered().size() == 1);
    assertThat(receiver.delivered().get(0).signature()).isNull();
  }

  @Test
  void retriesUntilTheReceiverTakesItAndEndsWithTheLatestSet() throws Exception {
    receiver.failNext(500, 500, 500);
    target(SECRET);
    target.changed(change(ips("10.0.0.1", "10.0.0.2"), ips("10.0.0.1")));
    await().atMost(DEADLINE).until(() -> target.status().status().equals("failing"));
    assertThat(target.status().lastError()).contains("HTTP 500");
    // a newer change of the same service while failing: only the latest set is delivered
    target.changed(change(ips("10.0.0.1"), ips("10.0.0.1", "10.0.0.3")));

    await().atMost(DEADLINE).until(() -> receiver.delivered().size() == 1);
    WebhookReceiver.Received last = receiver.delivered().get(0);
    assertThat(last.signature()).isEqualTo("sha256=" + hmac(SECRET, last.body()));
    JsonNode body = JSON.readTree(last.body());
    assertThat(texts(body.get("before"))).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(texts(body.get("after"))).containsExactly("10.0.0.1", "10.0.0.3");
    assertThat(receiver.received()).hasSize(4);
    await().atMost(DEADLINE).until(() -> target.status().status().equals("ok"));
    assertThat(target.status().pending()).isZero();
    assertThat(updates("http_500")).isEqualTo(3);
    assertThat(updates("ok")).isEqualTo(1);
    assertThat(meters.get("wayfinder.publish.failing").gauge().value()).isZero();
  }

  @Test
  void anUnreachableReceiverIsFailingAndTheTargetHidesSecretsOfTheUrl() throws Exception {
    int port = closedPort();
    target =
        new WebhookTarget(
            URI.create("http://user:pw@127.0.0.1:" + port + "/hook?token=abc"),
            SECRET,
            outcomes,
            new Backoff(Duration.ofMillis(100)));
    assertThat(target.target()).isEqualTo("http://127.0.0.1:" + port + "/hook");
    target.changed(change(List.of(), ips("10.0.0.1")));
    await().atMost(DEADLINE).until(() -> target.status().status().equals("failing"));
    assertThat(target.status().lastError()).doesNotContain("pw", "abc", SECRET);
    assertThat(target.status().pending()).isEqualTo(1);
    await().atMost(DEADLINE).until(() -> updates("unreachable") >= 1);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private double updates(String result) {
    var c = meters.find("wayfinder.publish.updates").tag("result", result).counter();
    return c == null ? 0 : c.count();
  }

  static AnswerSetChange change(List<InetAddress> before, List<InetAddress> after) {
    return new AnswerSetChange(Instant.now(), "web", "web.svc.example.", before, after);
  }

  static List<InetAddress> ips(String... texts) {
    return Arrays.stream(texts).map(IpLiteral::toAddress).toList();
  }

  static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  /** The signature computed here, independently of the code under test. */
  static String hmac(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
