package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code GET /api/v1/events?follow=1}: Server-Sent Events followed across several changes, the
 * recent events replayed first, clients that go away, and streams ended when the daemon stops.
 */
class EventStreamE2eTest {
  private static final Duration SEEN = Duration.ofSeconds(10);

  @TempDir Path dir;
  RunningDaemon daemon;
  AdminClient api;

  @BeforeEach
  void start() throws Exception {
    daemon = RunningDaemon.start(new E2eConfig(dir).yaml());
    api = daemon.admin();
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  /** A followed stream: its lines as they arrive, read on the client's own threads. */
  final class Follower implements AutoCloseable {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final HttpResponse<Stream<String>> response;
    final CompletableFuture<Void> ended;

    Follower() throws Exception {
      HttpRequest get =
          api.request("/api/v1/events?follow=1").timeout(Duration.ofMinutes(1)).GET().build();
      response =
          api.http()
              .sendAsync(get, HttpResponse.BodyHandlers.ofLines())
              .get(AdminClient.DEADLINE.toSeconds(), TimeUnit.SECONDS);
      // A thread of its own: on two cores the common pool has one thread, which a follower whose
      // stream is still closing would hold while the next follower's lines wait.
      ended =
          CompletableFuture.runAsync(
              () -> response.body().forEach(lines::add),
              r -> Thread.ofPlatform().daemon().name("sse-follower").start(r));
    }

    /** The events received so far, parsed from their {@code data:} lines. */
    List<JsonNode> events() {
      return lines.stream()
          .filter(l -> l.startsWith("data: "))
          .map(l -> parse(l.substring("data: ".length())))
          .toList();
    }

    @Override
    public void close() {
      response.body().close();
    }
  }

  private static JsonNode parse(String json) {
    try {
      return AdminClient.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String change(JsonNode e) {
    return e.get("endpoint").asText() + " " + e.get("from").asText() + "->" + e.get("to").asText();
  }

  @Test
  void followsSeveralChangesInOrder() throws Exception {
    try (Follower f = new Follower()) {
      assertThat(f.response.statusCode()).isEqualTo(200);
      assertThat(f.response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));

      drain("10.0.0.1", "drain");
      drain("10.0.0.2", "drain");
      drain("10.0.0.1", "undrain");
      api.post("/api/v1/services/api.prod/maintenance", "{\"on\": true}");

      await()
          .atMost(SEEN)
          .untilAsserted(
              () ->
                  assertThat(f.events().stream().map(EventStreamE2eTest::change))
                      .containsExactly(
                          "10.0.0.1 unknown->draining",
                          "10.0.0.2 unknown->draining",
                          "10.0.0.1 draining->unknown",
                          "10.0.1.1 unknown->maintenance",
                          "10.0.1.2 unknown->maintenance"));
      JsonNode first = f.events().get(0);
      assertThat(first.get("service").asText()).isEqualTo("web");
      assertThat(first.get("reason").asText()).isEqualTo("drained");
      assertThat(f.lines).contains("");
    }
  }

  @Test
  void replaysTheRecentEventsFirst() throws Exception {
    drain("10.0.0.1", "drain");
    drain("10.0.0.2", "drain");

    try (Follower f = new Follower()) {
      await().atMost(SEEN).until(() -> f.events().size() == 2);
      drain("10.0.0.2", "undrain");

      await()
          .atMost(SEEN)
          .untilAsserted(
              () ->
                  assertThat(f.events().stream().map(EventStreamE2eTest::change))
                      .containsExactly(
                          "10.0.0.1 unknown->draining",
                          "10.0.0.2 unknown->draining",
                          "10.0.0.2 draining->unknown"));
    }
  }

  @Test
  void survivesClientsThatGoAway() throws Exception {
    for (int i = 0; i < 3; i++) {
      Follower gone = new Follower();
      gone.close();
    }
    drain("10.0.0.1", "drain");
    try (Follower f = new Follower()) {
      drain("10.0.0.1", "undrain");
      await().atMost(SEEN).until(() -> f.events().size() == 2);
    }
    assertThat(api.get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void streamsEndWhenTheDaemonStops() throws Exception {
    Follower f = new Follower();
    try {
      drain("10.0.0.1", "drain");
      await().atMost(SEEN).until(() -> f.events().size() == 1);

      daemon.close();

      f.ended.get(SEEN.toSeconds(), TimeUnit.SECONDS);
      assertThat(f.ended).isCompleted();
    } finally {
      f.close();
    }
  }

  private void drain(String address, String action) {
    HttpResponse<String> r =
        api.post("/api/v1/services/web/endpoints/" + address + "/" + action, "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
