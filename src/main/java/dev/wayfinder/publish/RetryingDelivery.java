package dev.wayfinder.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every target needs between "a service's set changed" and "the far side has it": the latest
 * desired state per service, one delivery at a time, retries with {@link Backoff}, a status for
 * {@code GET /api/v1/publish}, and reports to {@link PublishOutcomes}.
 *
 * <p>A newer change of a service replaces a pending one, keeping the older one's {@code before}
 * (what the far side was last given), so the far side always ends with the latest set and a change
 * that comes back to the delivered set is not sent at all. While a try waits for its backoff
 * nothing else is sent to the target. One line is logged when the target starts failing and one
 * when it recovers, not one per retry.
 *
 * <p>All state lives on one thread of its own: {@link #offer} only hands the change over.
 */
public final class RetryingDelivery {
  private static final Logger log = LoggerFactory.getLogger(RetryingDelivery.class);

  /** Sends one change; the future fails with a {@link PublishFailure} (or any exception). */
  @FunctionalInterface
  public interface Sender {
    CompletableFuture<Void> send(AnswerSetChange change);
  }

  private final String type;
  private final String target;
  private final Sender sender;
  private final PublishOutcomes outcomes;
  private final Backoff backoff;
  private final ScheduledExecutorService thread;

  // Confined to the thread.
  private final Map<String, AnswerSetChange> pending = new LinkedHashMap<>();

  /** Services whose next send goes out even when it ends where it began (see offerResync). */
  private final Set<String> resync = new HashSet<>();

  private AnswerSetChange inFlight;
  private ScheduledFuture<?> retry;
  private int failures;

  // Read by status() from any thread.
  private volatile Instant lastSuccess;
  private volatile String lastError;
  private volatile boolean failing;
  private volatile int waiting;

  /**
   * @param type the target's type, for the status
   * @param target what the target is, without secrets: the status, the log and the metric's label
   */
  public RetryingDelivery(
      String type, String target, Sender sender, PublishOutcomes outcomes, Backoff backoff) {
    this.type = type;
    this.target = target;
    this.sender = sender;
    this.outcomes = outcomes;
    this.backoff = backoff;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("wayfinder-publish-" + type).daemon().unstarted(r));
  }

  /** Queues {@code change} for delivery, replacing a pending change of the same service. */
  public void offer(AnswerSetChange change) {
    run(
        () -> {
          pending.merge(change.service(), change, RetryingDelivery::merged);
          pump();
        });
  }

  /**
   * Like {@link #offer}, but sent even when it ends where it began: the far side's state is not
   * known (a cluster's new leader resyncing what the old one sent).
   */
  public void offerResync(AnswerSetChange change) {
    run(
        () -> {
          resync.add(change.service());
          pending.merge(change.service(), change, RetryingDelivery::merged);
          pump();
        });
  }

  /** A change that goes from what {@code older} started from to what {@code newer} ends with. */
  private static AnswerSetChange merged(AnswerSetChange older, AnswerSetChange newer) {
    return new AnswerSetChange(
        newer.time(), newer.service(), newer.name(), older.before(), newer.after());
  }

  /** Sends the next pending change unless one is in flight or a retry waits. */
  private void pump() {
    while (inFlight == null && retry == null && !pending.isEmpty()) {
      Iterator<AnswerSetChange> it = pending.values().iterator();
      AnswerSetChange next = it.next();
      it.remove();
      boolean forced = resync.remove(next.service());
      if (next.before().equals(next.after()) && !forced) {
        continue; // changed and changed back before it was sent: the far side has it
      }
      inFlight = next;
      CompletableFuture<Void> sent;
      try {
        sent = sender.send(next);
      } catch (RuntimeException e) {
        sent = CompletableFuture.failedFuture(e);
      }
      sent.whenComplete((v, error) -> run(() -> done(next, error)));
    }
    waiting = pending.size() + (inFlight != null ? 1 : 0);
  }

  private void done(AnswerSetChange change, Throwable error) {
    inFlight = null;
    if (error == null) {
      lastSuccess = Instant.now();
      outcomes.updated(target, "ok");
      if (failing) {
        failing = false;
        log.info("publishing to {} {} recovered after {} failed tries", type, target, failures);
        outcomes.recovered(target);
      }
      failures = 0;
    } else {
      PublishFailure f = failure(error);
      lastError = f.getMessage();
      outcomes.updated(target, f.kind());
      if (!failing) {
        failing = true;
        log.warn("publishing to {} {} failing, retrying with backoff: {}", type, target, lastError);
        outcomes.failing(target, lastError);
      }
      if (change.before().equals(change.after())) {
        resync.add(change.service()); // only a resync is sent unchanged: it stays one
      }
      // Back at the front; a newer pending change of the service keeps this one's before.
      AnswerSetChange newer = pending.remove(change.service());
      Map<String, AnswerSetChange> rest = new LinkedHashMap<>(pending);
      pending.clear();
      pending.put(change.service(), newer == null ? change : merged(change, newer));
      pending.putAll(rest);
      failures++;
      retry =
          thread.schedule(
              () -> {
                retry = null;
                pump();
              },
              backoff.delay(failures).toMillis(),
              TimeUnit.MILLISECONDS);
    }
    pump();
  }

  private static PublishFailure failure(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof PublishFailure f) {
      return f;
    }
    return new PublishFailure("error", String.valueOf(e.getMessage()));
  }

  private void run(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      // stopped: what was pending stays where it was delivered last (records are not withdrawn)
    }
  }

  /** How the target is doing: failing after a failed try, pending before a first delivery. */
  public TargetStatus status() {
    int n = waiting;
    String status = failing ? "failing" : n > 0 && lastSuccess == null ? "pending" : "ok";
    return new TargetStatus(type, target, status, lastSuccess, lastError, n);
  }

  /** Stops sending and retrying; what is pending is dropped. */
  public void stop(Duration timeout) {
    thread.shutdownNow();
    try {
      thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
