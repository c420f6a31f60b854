package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.testing.WebhookReceiver;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook target that fails and recovers shows in the events feed: {@code GET /api/v1/events}
 * lists the publish events ({@code "kind": "publish"}) between the health ones, and a follower of
 * {@code ?follow=1} receives them as they happen.
 */
class PublishEventsE2eTest {
  static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path dir;
  WebhookReceiver receiver;
  RunningDaemon daemon;
  AdminClient api;

  @BeforeEach
  void start() throws Exception {
    receiver = new WebhookReceiver();
    String yaml =
        HealthYaml.config(
                dir,
                """
                - name: web
                  endpoints: [{address: 10.9.0.1}, {address: 10.9.0.2}]
                """)
            + """
            publish:
              - type: webhook
                url: "%s?token=hidden"
                secret: "hook-secret"
                services: [web]
            """
                .formatted(receiver.url());
    daemon = RunningDaemon.start(yaml);
    api = daemon.admin();
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void aFailingTargetAndItsRecoveryAreEventsListedAndFollowed() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpRequest get =
        api.request("/api/v1/events?follow=1").timeout(Duration.ofMinutes(1)).GET().build();
    HttpResponse<Stream<String>> stream =
        api.http()
            .sendAsync(get, HttpResponse.BodyHandlers.ofLines())
            .get(AdminClient.DEADLINE.toSeconds(), TimeUnit.SECONDS);
    CompletableFuture<Void> reading =
        CompletableFuture.runAsync(() -> stream.body().forEach(lines::add));
    try {
      receiver.failNext(500, 500);
      HttpResponse<String> drained = api.post("/api/v1/services/web/endpoints/10.9.0.2/drain", "");
      assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);

      await()
          .atMost(DEADLINE)
          .until(() -> publishEvents(listed()).size() == 2 && !receiver.delivered().isEmpty());
      List<JsonNode> all = listed();
      List<JsonNode> published = publishEvents(all);
      JsonNode failing = published.get(0);
      assertThat(failing.get("target").asText()).isEqualTo(receiver.url());
      assertThat(failing.get("from").asText()).isEqualTo("ok");
      assertThat(failing.get("to").asText()).isEqualTo("failing");
      assertThat(failing.get("reason").asText()).contains("http_500", "HTTP 500");
      assertThat(failing.get("service").isNull()).isTrue();
      assertThat(failing.get("endpoint").isNull()).isTrue();
      JsonNode recovered = published.get(1);
      assertThat(recovered.get("from").asText()).isEqualTo("failing");
      assertThat(recovered.get("to").asText()).isEqualTo("ok");

      // the drain came first and keeps its fields, now with its kind; newest last
      JsonNode health = all.get(0);
      assertThat(health.get("kind").asText()).isEqualTo("health");
      assertThat(health.get("endpoint").asText()).isEqualTo("10.9.0.2");
      assertThat(health.get("to").asText()).isEqualTo("draining");
      assertThat(all.indexOf(failing)).isLessThan(all.indexOf(recovered));
      assertThat(api.get("/api/v1/events").body()).doesNotContain("hidden", "hook-secret");

      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () ->
                  assertThat(
                          followed(lines).stream()
                              .map(e -> e.get("kind").asText() + " " + e.get("to").asText()))
                      .containsExactly("health draining", "publish failing", "publish ok"));
    } finally {
      stream.body().close();
      reading.cancel(true);
    }
  }

  private List<JsonNode> listed() throws Exception {
    HttpResponse<String> r = api.get("/api/v1/events");
    assertThat(r.statusCode()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    AdminClient.JSON.readTree(r.body()).get("events").forEach(out::add);
    return out;
  }

  private static List<JsonNode> publishEvents(List<JsonNode> events) {
    return events.stream().filter(e -> e.get("kind").asText().equals("publish")).toList();
  }

  private static List<JsonNode> followed(List<String> lines) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : lines) {
      if (l.startsWith("data: ")) {
        out.add(AdminClient.JSON.readTree(l.substring("data: ".length())));
      }
    }
    return out;
  }
}
