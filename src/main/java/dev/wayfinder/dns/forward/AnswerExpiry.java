package dev.wayfinder.dns.forward;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Per-entry expiry for the answer cache: an answer stays for its own lifetime (from {@link
 * CachePolicy}) plus the serve-stale window (RFC 8767), counted from when it was stored, not from
 * when Caffeine saw it. Answers that must not be cached expire at once.
 *
 * <p>Keyed by {@code Object}, not {@link CacheKey}: on a hit Caffeine hands the key it was asked
 * with to {@link #expireAfterRead}, and that is a {@link LookupKey}.
 */
final class AnswerExpiry implements Expiry<Object, CachedAnswer> {
  private final long staleWindowNanos;

  /**
   * @param staleWindowNanos how long past its TTL an answer is kept for serve-stale; 0 = never
   */
  AnswerExpiry(long staleWindowNanos) {
    this.staleWindowNanos = staleWindowNanos;
  }

  /** Nanoseconds from {@code nowNanos} until {@code answer} must leave the cache. */
  long remaining(CachedAnswer answer, long nowNanos) {
    if (!answer.cacheable()) {
      return 0;
    }
    long end = answer.storedNanos() + answer.lifetimeNanos() + staleWindowNanos;
    return Math.max(0, end - nowNanos);
  }

  @Override
  public long expireAfterCreate(Object key, CachedAnswer answer, long currentTime) {
    return remaining(answer, currentTime);
  }

  /**
   * Caffeine calls this when a pending load completes (and when a serve-stale refresh replaces an
   * entry): the new answer's own lifetime applies.
   */
  @Override
  public long expireAfterUpdate(
      Object key, CachedAnswer answer, long currentTime, long currentDuration) {
    return remaining(answer, currentTime);
  }

  @Override
  public long expireAfterRead(
      Object key, CachedAnswer answer, long currentTime, long currentDuration) {
    return currentDuration;
  }
}
