package dev.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ReloadTrigger}: one reload at a time, requests coalesced, none lost, none after stop. */
class ReloadTriggerTest {
  private static final Duration NOTHING_MORE = Duration.ofMillis(500);

  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ReloadTrigger trigger = new ReloadTrigger(this::reload);

  @AfterEach
  void stop() {
    release.countDown();
    trigger.stop(Duration.ofSeconds(2));
  }

  private void reload() {
    if (running.incrementAndGet() > 1) {
      overlaps.incrementAndGet();
    }
    started.incrementAndGet();
    try {
      release.await(10, TimeUnit.SECONDS); // the test decides when a reload ends
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      running.decrementAndGet();
    }
  }

  @Test
  void requestsDuringAReloadGiveExactlyOneMoreAfterIt() {
    trigger.start();
    trigger.request();
    await().atMost(Duration.ofSeconds(2)).untilAtomic(started, is(1));

    for (int i = 0; i < 5; i++) {
      trigger.request();
    }
    release.countDown();

    await().during(NOTHING_MORE).atMost(Duration.ofSeconds(3)).untilAtomic(started, is(2));
    assertThat(overlaps).hasValue(0);
  }

  @Test
  void requestsBeforeStartAreServedOnceItRuns() {
    release.countDown();
    trigger.request();
    trigger.request();

    trigger.start();

    await().during(NOTHING_MORE).atMost(Duration.ofSeconds(3)).untilAtomic(started, is(1));
  }

  @Test
  void aFailingReloadDoesNotStopLaterOnes() {
    AtomicInteger calls = new AtomicInteger();
    ReloadTrigger failing =
        new ReloadTrigger(
            () -> {
              calls.incrementAndGet();
              throw new IllegalStateException("an invalid config");
            });
    failing.start();
    try {
      failing.request();
      await().atMost(Duration.ofSeconds(2)).untilAtomic(calls, is(1));
      failing.request();
      await().atMost(Duration.ofSeconds(2)).untilAtomic(calls, is(2));
    } finally {
      failing.stop(Duration.ofSeconds(2));
    }
  }

  @Test
  void nothingRunsAfterStop() {
    release.countDown();
    trigger.start();
    trigger.stop(Duration.ofSeconds(2));

    trigger.request();

    await().during(NOTHING_MORE).atMost(Duration.ofSeconds(2)).untilAtomic(started, is(0));
  }
}
