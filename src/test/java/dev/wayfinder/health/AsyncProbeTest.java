package dev.wayfinder.health;

import static dev.wayfinder.health.Fixtures.LOCAL;
import static dev.wayfinder.health.Fixtures.LOCAL_2;
import static dev.wayfinder.health.Fixtures.health;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.registry.HealthSpec.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The asynchronous probe path: deadlines on the event loop, and the bound on probes in flight. */
class AsyncProbeTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @BeforeAll
  static void warmUp() throws Exception {
    FlipServer.warmUpHttpClient();
  }

  @Test
  void slowServerTimesOutAtItsDeadlineWithoutDelayingAFastOne() throws Exception {
    try (FlipServer fast = FlipServer.start();
        FlipServer slow = new FlipServer(LOCAL_2, fast.port()).hold();
        Probe probe =
            Probes.create(
                Fixtures.withTimeout(
                    health(Type.HTTP, fast.target()),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(2)))) {
      AsyncProbe http = (AsyncProbe) probe;
      long started = System.nanoTime();
      CompletableFuture<ProbeResult> held = http.start(LOCAL_2).toCompletableFuture();
      CompletableFuture<ProbeResult> quick = http.start(LOCAL).toCompletableFuture();

      assertThat(quick.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
          .isEqualTo(ProbeResult.pass("HTTP 200"));
      assertThat(held).as("the held probe is still waiting for its deadline").isNotDone();
      assertThat(held.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
          .isEqualTo(ProbeResult.timeout("timeout after 2000ms"));
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
      // The connection the held probe used was closed, not pooled: the next probe still works.
      slow.close();
      assertThat(
              http.start(LOCAL).toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
          .isEqualTo(ProbeResult.pass("HTTP 200"));
    }
  }

  @Test
  void boundOnProbesInFlightHoldsAndQueuedProbesStartAsOthersEnd() throws Exception {
    ProbeScheduler scheduler = new ProbeScheduler(2, Duration.ZERO);
    ConcurrentLinkedQueue<CompletableFuture<Void>> running = new ConcurrentLinkedQueue<>();
    Map<Integer, AtomicInteger> startsPerEndpoint = new ConcurrentHashMap<>();
    AtomicInteger started = new AtomicInteger();
    List<ScheduledFuture<?>> schedules = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        int endpoint = i;
        startsPerEndpoint.put(endpoint, new AtomicInteger());
        ProbeScheduler.Async check =
            () -> {
              started.incrementAndGet();
              startsPerEndpoint.get(endpoint).incrementAndGet();
              CompletableFuture<Void> f = new CompletableFuture<>();
              running.add(f);
              return f; // completes only when the test says so
            };
        schedules.add(scheduler.schedule(Duration.ofMillis(20), new AtomicBoolean(), check));
      }
      await().atMost(DEADLINE).until(() -> started.get() == 2);
      await()
          .during(Duration.ofMillis(300))
          .atMost(DEADLINE)
          .until(() -> started.get() == 2 && scheduler.inFlight() == 2);

      running.poll().complete(null);
      await().atMost(DEADLINE).until(() -> started.get() == 3);
      assertThat(scheduler.inFlight()).isEqualTo(2);
      // An endpoint whose probe is in flight skipped its rounds instead of stacking probes.
      assertThat(startsPerEndpoint.values()).allMatch(n -> n.get() <= 2);
    } finally {
      schedules.forEach(s -> s.cancel(false));
      // Each completed probe lets a queued one start with a future of its own: complete them
      // until none is in flight, or stop() waits on one that nothing will ever complete.
      await()
          .atMost(DEADLINE)
          .until(
              () -> {
                running.forEach(f -> f.complete(null));
                return scheduler.inFlight() == 0;
              });
      assertThat(scheduler.stop(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void permitsRunQueuedTasksOnTheHandOffExecutorInOrder() {
    List<Runnable> handedOff = new ArrayList<>();
    ProbePermits permits = new ProbePermits(1, handedOff::add);
    List<String> ran = new ArrayList<>();
    permits.acquire(() -> ran.add("a"));
    permits.acquire(() -> ran.add("b"));
    permits.acquire(() -> ran.add("c"));
    assertThat(ran).containsExactly("a");
    assertThat(permits.inUse()).isEqualTo(1);

    permits.release(); // a ends: its permit passes to b, on the hand-off executor
    assertThat(handedOff).hasSize(1);
    handedOff.removeFirst().run();
    assertThat(ran).containsExactly("a", "b");
    assertThat(permits.inUse()).isEqualTo(1);

    permits.release();
    handedOff.removeFirst().run();
    permits.release();
    assertThat(ran).containsExactly("a", "b", "c");
    assertThat(permits.inUse()).isZero();
  }
}
