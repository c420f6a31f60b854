package dev.wayfinder.dns.forward;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One upstream answer in the form the cache keeps: the answer as received (the sections after the
 * question as wire bytes), the offset of every TTL field in them, each record's TTL (already
 * capped) and when it was stored. Immutable but for one flag, set once, that marks the entry's
 * prefetch as started. The server's hit path writes the tail straight into the reply and patches
 * the TTLs there ({@link #writeTail}); the asynchronous path gets a copy with the TTLs counted down
 * ({@link #answerAt(long)}).
 */
public final class CachedAnswer {
  /** RFC 8767 section 4: the TTL of a stale answer ("30 seconds is RECOMMENDED"). */
  static final int STALE_TTL_SECONDS = 30;

  private static final int SERVFAIL = 2;
  private static final byte[] NO_RECORDS = {};
  private static final int[] NO_OFFSETS = {};
  private static final AtomicIntegerFieldUpdater<CachedAnswer> PREFETCH_CLAIMED =
      AtomicIntegerFieldUpdater.newUpdater(CachedAnswer.class, "prefetchClaimed");

  private final ForwardAnswer received;
  private final int[] ttlOffsets;
  private final int[] ttls;
  private final long storedNanos;
  private final long lifetimeSeconds;
  private final boolean failed;

  /** 1 once a hit near expiry has started this entry's one prefetch ({@link #claimPrefetch}). */
  private volatile int prefetchClaimed;

  /**
   * @param received the upstream's RCODE, counts and the sections after a question (OPT stripped,
   *     TTLs as received), compression pointers relative to offset 0 of a message whose question
   *     starts at offset 12
   * @param ttlOffsets offset in the tail of each record's TTL field
   * @param ttls each record's TTL in seconds, capped by the cache policy
   * @param storedNanos ticker time when the answer arrived
   * @param lifetimeSeconds how long the answer stays fresh; 0 = not to be cached
   */
  CachedAnswer(
      ForwardAnswer received,
      int[] ttlOffsets,
      int[] ttls,
      long storedNanos,
      long lifetimeSeconds) {
    this(received, ttlOffsets, ttls, storedNanos, lifetimeSeconds, false);
  }

  private CachedAnswer(
      ForwardAnswer received,
      int[] ttlOffsets,
      int[] ttls,
      long storedNanos,
      long lifetimeSeconds,
      boolean failed) {
    this.received = received;
    this.ttlOffsets = ttlOffsets;
    this.ttls = ttls;
    this.storedNanos = storedNanos;
    this.lifetimeSeconds = lifetimeSeconds;
    this.failed = failed;
  }

  /** The outcome when no upstream gave a usable answer: SERVFAIL, never cached. */
  static CachedAnswer failure(long nowNanos) {
    return new CachedAnswer(servfail(), NO_OFFSETS, NO_OFFSETS, nowNanos, 0, true);
  }

  /** The SERVFAIL answer the forwarder gives when every upstream failed or it is stopped. */
  static ForwardAnswer servfail() {
    return new ForwardAnswer(SERVFAIL, 0, 0, 0, NO_RECORDS);
  }

  /** True when this is the synthesized failure, not an upstream's answer. */
  boolean failed() {
    return failed;
  }

  boolean cacheable() {
    return lifetimeSeconds > 0;
  }

  long storedNanos() {
    return storedNanos;
  }

  long lifetimeNanos() {
    return TimeUnit.SECONDS.toNanos(lifetimeSeconds);
  }

  /** Whether the answer is still within its TTL at {@code nowNanos}. */
  boolean isFresh(long nowNanos) {
    return nowNanos - storedNanos < lifetimeNanos();
  }

  /**
   * Whether at {@code nowNanos} less than {@code 1/divisor} of the lifetime is left (Unbound
   * prefetches in the last 10% of a TTL); never for an answer that is not cached at all.
   */
  boolean nearExpiry(long nowNanos, int divisor) {
    long lifetime = lifetimeNanos();
    return lifetime > 0 && nowNanos - storedNanos >= lifetime - lifetime / divisor;
  }

  /** True for the one caller that gets to refresh this entry ahead of its expiry. */
  boolean claimPrefetch() {
    return prefetchClaimed == 0 && PREFETCH_CLAIMED.compareAndSet(this, 0, 1);
  }

  /** RFC 1035 RCODE of the upstream's answer. */
  public int rcode() {
    return received.rcode();
  }

  public int ancount() {
    return received.ancount();
  }

  public int nscount() {
    return received.nscount();
  }

  public int arcount() {
    return received.arcount();
  }

  /** Bytes {@link #writeTail} writes. */
  public int tailLength() {
    return received.tail().length;
  }

  /**
   * Appends the sections after the question to {@code out} and patches each TTL there to what is
   * left of it at {@code nowNanos} (RFC 1035 7.4: cached TTLs count down), without a copy of the
   * tail.
   */
  public void writeTail(ByteBuf out, long nowNanos) {
    int start = out.writerIndex();
    out.writeBytes(received.tail());
    long elapsed = elapsedSeconds(nowNanos);
    for (int i = 0; i < ttlOffsets.length; i++) {
      out.setInt(start + ttlOffsets[i], (int) Math.max(0, ttls[i] - elapsed));
    }
  }

  private long elapsedSeconds(long nowNanos) {
    return TimeUnit.NANOSECONDS.toSeconds(Math.max(0, nowNanos - storedNanos));
  }

  /** The answer with every TTL counted down by the whole seconds elapsed since it was stored. */
  ForwardAnswer answerAt(long nowNanos) {
    if (failed) {
      return servfail();
    }
    return withTail(
        AnswerCodec.countDown(received.tail(), ttlOffsets, ttls, elapsedSeconds(nowNanos)));
  }

  /** The answer served past its expiry (RFC 8767): every TTL is {@link #STALE_TTL_SECONDS}. */
  ForwardAnswer staleAnswer() {
    return withTail(AnswerCodec.fixedTtl(received.tail(), ttlOffsets, STALE_TTL_SECONDS));
  }

  private ForwardAnswer withTail(byte[] patched) {
    return new ForwardAnswer(
        received.rcode(), received.ancount(), received.nscount(), received.arcount(), patched);
  }
}
