package dev.wayfinder.cluster;

import java.time.Duration;

/**
 * When the session renews its lease and when it gives up on it, derived from the lease TTL.
 * Renewals go out every {@code ttl / 4}, and again at the next tick after a failure; a lease not
 * renewed for the grace (the larger of {@code 2 ttl / 3} and {@code ttl - 1 s}, at most the given
 * cap) counts as lost while it still has time left in etcd (counted from when the last good renewal
 * was sent, before etcd got it), so the node stops acting as a member (and as the publisher) before
 * the others stop counting it. The grace outlasts an etcd leader election (one to two election
 * timeouts, during which no renewal succeeds and no lease expires: a new etcd leader extends every
 * lease), so losing etcd's leader does not cut the nodes off. Session thread only.
 */
final class SessionTiming {
  private final Duration renewEvery;
  private final Duration call;
  private final Duration grace;
  private final Duration tick;
  private long lastRenewed;
  private long lastAttempt;
  private boolean inFlight;

  /** One renewal sent; the lease is renewed as of when it was sent, not when the answer came. */
  record Attempt(long sentNanos) {}

  private SessionTiming(Duration renewEvery, Duration call, Duration grace, Duration tick) {
    this.renewEvery = renewEvery;
    this.call = call;
    this.grace = grace;
    this.tick = tick;
  }

  static SessionTiming of(Duration ttl, Duration maxGrace) {
    Duration third = ttl.dividedBy(3);
    Duration twoThirds = ttl.multipliedBy(2).dividedBy(3);
    Duration allButASecond = ttl.minusSeconds(1);
    Duration grace = twoThirds.compareTo(allButASecond) > 0 ? twoThirds : allButASecond;
    return new SessionTiming(
        ttl.dividedBy(4),
        clamp(third, Duration.ofSeconds(1), Duration.ofSeconds(3)),
        grace.compareTo(maxGrace) < 0 ? grace : maxGrace,
        clamp(ttl.dividedBy(10), Duration.ofMillis(50), Duration.ofMillis(500)));
  }

  /** The timeout of one etcd call (connecting, a write, a renewal). */
  Duration call() {
    return call;
  }

  /**
   * The timeout of one renewal: short, so a renewal stuck on a member that lost its leader gives
   * way to another attempt well within the grace.
   */
  Duration renewTimeout() {
    Duration half = renewEvery.dividedBy(2);
    Duration twoTicks = tick.multipliedBy(2);
    return half.compareTo(twoTicks) > 0 ? half : twoTicks;
  }

  /** How long the lease may go unrenewed, or the watch stay broken, before the session gives up. */
  Duration grace() {
    return grace;
  }

  /** How often the session checks its deadlines. */
  Duration tick() {
    return tick;
  }

  /** Just connected: the lease was renewed (or granted) now. */
  void renewed() {
    long now = System.nanoTime();
    lastRenewed = now;
    lastAttempt = now;
    inFlight = false;
  }

  /** Why the lease counts as lost, or null while it is within the grace. */
  String overdue() {
    long since = System.nanoTime() - lastRenewed;
    return since > grace.toNanos()
        ? "lease not renewed for " + Duration.ofNanos(since).toMillis() + " ms"
        : null;
  }

  /**
   * True once a renewal is due: one tick early, since the check runs only every tick and a renewal
   * sent late eats into the grace.
   */
  boolean renewDue() {
    return !inFlight && System.nanoTime() - lastAttempt >= renewEvery.minus(tick).toNanos();
  }

  Attempt renewing() {
    inFlight = true;
    lastAttempt = System.nanoTime();
    return new Attempt(lastAttempt);
  }

  void renewedAt(Attempt attempt) {
    inFlight = false;
    lastRenewed = Math.max(lastRenewed, attempt.sentNanos());
  }

  /**
   * A renewal failed: the next goes out at the next tick rather than a third of the TTL later, so a
   * call that failed while the client moved to another etcd member costs one tick of the grace.
   */
  void renewFailed() {
    inFlight = false;
    lastAttempt = System.nanoTime() - renewEvery.toNanos();
  }

  private static Duration clamp(Duration d, Duration min, Duration max) {
    return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
  }
}
