package dev.wayfinder.dns.forward;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.wayfinder.config.ForwardConfig;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.WireParseException;

/**
 * Resolves names outside the zone through the upstreams, behind a cache.
 *
 * <p>The cache is a Caffeine {@link AsyncCache} of {@link CachedAnswer}s keyed by (lower-case wire
 * name, type, class). A miss stores the pending upstream query itself, so concurrent identical
 * misses share it. Lifetimes follow {@link CachePolicy} (RFC 2308 for negative answers); a hit
 * copies the stored wire tail and counts its TTLs down. With {@code serve_stale} set, an expired
 * answer is kept that much longer and served with TTL 30 when every upstream fails (RFC 8767).
 *
 * <p>The server asks {@link #cached} first: a synchronous look-up by the parser's name bytes that
 * allocates nothing and returns the stored answer for it to write; only when that gives nothing
 * (miss, pending, expired, not cacheable) does it call {@link #resolve}.
 *
 * <p>Thread-safe; neither {@link #cached} nor {@link #resolve} blocks.
 */
public final class Forwarder {
  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

  private final Upstreams upstreams;
  private final CachePolicy policy;
  private final Ticker ticker;
  private final long staleWindowNanos;
  private final AsyncCache<CacheKey, CachedAnswer> cache;
  private final Set<CompletableFuture<ForwardAnswer>> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  public Forwarder(ForwardConfig config) {
    this(config, Ticker.systemTicker());
  }

  /**
   * @param ticker the clock in nanoseconds ({@link System#nanoTime()} outside tests)
   */
  Forwarder(ForwardConfig config, Ticker ticker) {
    this.upstreams = new Upstreams(config);
    this.policy = new CachePolicy(config.cache());
    this.ticker = ticker;
    this.staleWindowNanos = config.cache().serveStale().toNanos();
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(config.cache().maxEntries())
            .ticker(ticker)
            .expireAfter(new AnswerExpiry(staleWindowNanos))
            .buildAsync();
  }

  /**
   * The answer for one question, from the cache or the upstreams. Concurrent identical misses share
   * one upstream query. The future never completes exceptionally: when every upstream fails or
   * times out it completes with SERVFAIL.
   *
   * @param lowerName the question name in wire format, lower-cased; the callee may keep it
   * @param qtype RR type
   * @param qclass RR class
   */
  public CompletableFuture<ForwardAnswer> resolve(byte[] lowerName, int qtype, int qclass) {
    if (stopped) {
      return CompletableFuture.completedFuture(CachedAnswer.servfail());
    }
    CacheKey key = new CacheKey(lowerName, qtype, qclass);
    CompletableFuture<CachedAnswer> entry = cache.get(key, this::load);
    CompletableFuture<ForwardAnswer> answer =
        entry.thenCompose(cached -> answerFrom(key, entry, cached));
    return answer.isDone() ? answer : tracked(answer);
  }

  /**
   * The stored answer for a question when it is complete, cacheable and still fresh at {@code
   * nowNanos}, else null (then {@link #resolve} decides: upstream query, shared pending query,
   * serve-stale). Allocates nothing: the look-up key is a per-thread probe over {@code name}.
   *
   * @param name holds the question name in wire format, lower-cased, in its first {@code length}
   *     bytes; not kept
   * @param nowNanos the time from {@link #now()}, for freshness and the TTLs to write
   */
  public CachedAnswer cached(byte[] name, int length, int qtype, int qclass, long nowNanos) {
    if (stopped) {
      return null;
    }
    LookupKey probe = LookupKey.of(name, length, qtype, qclass);
    CompletableFuture<CachedAnswer> entry = cache.asMap().get(probe);
    probe.clear();
    if (entry == null || !entry.isDone() || entry.isCompletedExceptionally()) {
      return null;
    }
    CachedAnswer answer = entry.getNow(null);
    return answer.cacheable() && answer.isFresh(nowNanos) ? answer : null;
  }

  /**
   * The forwarder's clock in nanoseconds, for {@link #cached} and {@link CachedAnswer#writeTail}.
   */
  public long now() {
    return ticker.read();
  }

  /** Stops the upstream clients; pending futures complete with SERVFAIL. */
  public void stop(Duration timeout) {
    // Nothing here waits: answering the pending futures now is what bounds the shutdown.
    stopped = true;
    upstreams.stop();
    for (CompletableFuture<ForwardAnswer> future : pending) {
      future.complete(CachedAnswer.servfail());
    }
    pending.clear();
  }

  private CompletableFuture<ForwardAnswer> answerFrom(
      CacheKey key, CompletableFuture<CachedAnswer> entry, CachedAnswer cached) {
    long now = ticker.read();
    if (!cached.cacheable() || cached.isFresh(now)) {
      return CompletableFuture.completedFuture(cached.answerAt(now));
    }
    // Past its TTL but still held for serve-stale (RFC 8767 section 5): ask again.
    return refresh(key, entry, cached)
        .thenApply(next -> next == cached ? cached.staleAnswer() : next.answerAt(ticker.read()));
  }

  /**
   * Replaces an expired entry with a new upstream query, shared by every asker meanwhile. If every
   * upstream fails, the expired answer goes back into the cache (its Caffeine expiry still counts
   * from when it was first stored) and is served stale.
   */
  private CompletableFuture<CachedAnswer> refresh(
      CacheKey key, CompletableFuture<CachedAnswer> expired, CachedAnswer stale) {
    CompletableFuture<CachedAnswer> next = new CompletableFuture<>();
    if (!cache.asMap().replace(key, expired, next)) {
      return cache.get(key, this::load); // another asker is refreshing, or the entry left
    }
    load(key, null)
        .thenApply(fresh -> fresh.failed() && withinStaleWindow(stale) ? stale : fresh)
        .thenAccept(next::complete);
    return next;
  }

  private boolean withinStaleWindow(CachedAnswer stale) {
    return staleWindowNanos > 0
        && ticker.read() - stale.storedNanos() < stale.lifetimeNanos() + staleWindowNanos;
  }

  /** The cache's loader: asks the upstreams; never completes exceptionally. */
  private CompletableFuture<CachedAnswer> load(CacheKey key, Executor unused) {
    return upstreams.query(key).thenApply(response -> toCached(key, response));
  }

  private CachedAnswer toCached(CacheKey key, Message response) {
    long now = ticker.read();
    if (response == null) {
      return CachedAnswer.failure(now);
    }
    try {
      return AnswerCodec.encode(response, key, policy.lifetime(response), now);
    } catch (WireParseException | RuntimeException e) {
      log.warn("cannot re-encode an upstream answer for {}: {}", key, e.toString());
      return CachedAnswer.failure(now);
    }
  }

  private CompletableFuture<ForwardAnswer> tracked(CompletableFuture<ForwardAnswer> answer) {
    pending.add(answer);
    answer.whenComplete((result, error) -> pending.remove(answer));
    if (stopped) {
      answer.complete(CachedAnswer.servfail()); // stop() ran between the check and the add
    }
    return answer;
  }
}
