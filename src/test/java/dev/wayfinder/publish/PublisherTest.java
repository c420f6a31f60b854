package dev.wayfinder.publish;

import static dev.wayfinder.publish.AnswerSetTrackerTest.service;
import static dev.wayfinder.publish.AnswerSetTrackerTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.registry.IpLiteral;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.Service;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher between a real registry and health checker and recording targets: what each target
 * is started with and hears, per its services, and bursts merged into one change per service.
 */
class PublisherTest {
  static final Duration DEADLINE = Duration.ofSeconds(10);

  final Registry registry = new Registry();
  final HealthChecker health = new HealthChecker();
  final Recording all = new Recording();
  final Recording onlyWeb = new Recording();
  Publisher publisher;

  @BeforeEach
  void start() {
    registry.addListener(health::apply);
    registry
        .sink(Service.Source.CONFIG)
        .replaceAll(
            List.of(
                service("web", true, "10.0.0.1", "10.0.0.2", "10.0.0.3"),
                service("db", true, "10.0.1.1")));
    health.update(registry.services());
    publisher =
        new Publisher(
            registry,
            health,
            "svc.example",
            List.of(
                new Publisher.Subscription(all, name -> true),
                new Publisher.Subscription(onlyWeb, "web"::equals)),
            Duration.ofMillis(200));
    publisher.start();
    await().atMost(DEADLINE).until(() -> all.started != null && onlyWeb.started != null);
  }

  @AfterEach
  void stop() {
    publisher.stop(Duration.ofSeconds(2));
    health.stop(Duration.ofSeconds(2));
  }

  @Test
  void targetsStartWithTheirServicesSets() {
    assertThat(all.started).containsOnlyKeys("web", "db");
    assertThat(onlyWeb.started).containsOnlyKeys("web");
    assertThat(texts(onlyWeb.started.get("web")))
        .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
  }

  @Test
  void drainingTwoEndpointsAtOnceMakesOneChange() {
    health.drain("web", ip("10.0.0.1"));
    health.drain("web", ip("10.0.0.2"));

    await().atMost(DEADLINE).until(() -> !onlyWeb.changes.isEmpty());
    AnswerSetChange c = onlyWeb.changes.get(0);
    assertThat(onlyWeb.changes).hasSize(1);
    assertThat(c.name()).isEqualTo("web.svc.example.");
    assertThat(texts(c.before())).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    assertThat(texts(c.after())).containsExactly("10.0.0.3");
    assertThat(all.changes).containsExactly(c);
  }

  @Test
  void registryChangesReachOnlyTheTargetsOfThatService() {
    registry
        .sink(Service.Source.CONFIG)
        .replaceAll(
            List.of(
                service("web", true, "10.0.0.1", "10.0.0.2", "10.0.0.3"),
                service("db", true, "10.0.1.1", "10.0.1.2")));

    await().atMost(DEADLINE).until(() -> !all.changes.isEmpty());
    AnswerSetChange db = all.changes.get(0);
    assertThat(db.service()).isEqualTo("db");
    assertThat(texts(db.after())).containsExactly("10.0.1.1", "10.0.1.2");
    // the unchanged web service emitted nothing, and onlyWeb never hears of db
    health.drain("web", ip("10.0.0.3"));
    await().atMost(DEADLINE).until(() -> onlyWeb.changes.size() == 1);
    assertThat(onlyWeb.changes.get(0).service()).isEqualTo("web");
    assertThat(all.changes).extracting(AnswerSetChange::service).containsExactly("db", "web");
  }

  private static InetAddress ip(String text) {
    return IpLiteral.toAddress(text);
  }

  /** A target that records what it is given. */
  static final class Recording implements PublishTarget {
    volatile Map<String, List<InetAddress>> started;
    final List<AnswerSetChange> changes = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
      return "recording";
    }

    @Override
    public String target() {
      return "memory";
    }

    @Override
    public void start(Map<String, List<InetAddress>> current) {
      started = current;
    }

    @Override
    public void changed(AnswerSetChange change) {
      changes.add(change);
    }

    @Override
    public TargetStatus status() {
      return new TargetStatus("recording", "memory", "ok", null, null, changes.size());
    }

    @Override
    public void stop(Duration timeout) {}
  }
}
