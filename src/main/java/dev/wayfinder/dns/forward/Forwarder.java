package dev.wayfinder.dns.forward;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.wayfinder.config.ForwardConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>Prefetch (as Unbound's {@code prefetch: yes}): a hit in the last tenth of an answer's lifetime
 * starts one background query for it, at most one per stored answer, and a usable reply replaces
 * the entry; so a name asked often never expires, and the refreshes of answers stored together
 * spread over the hits instead of arriving as a burst of misses at expiry.
 *
 * <p>Upstream queries go out on Netty event loops ({@link UpstreamClient}): the server's own when
 * it hands them over, so a reply is read and answered on one thread, else a thread of its own.
 *
 * <p>Thread-safe; neither {@link #cached} nor {@link #resolve} blocks.
 */
public final class Forwarder {
  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

  /**
   * A hit this close to its expiry (the last tenth of its lifetime) starts a background refresh, as
   * Unbound's {@code prefetch: yes}: popular names are asked again before they expire.
   */
  static final int PREFETCH_DIVISOR = 10;

  private final EventLoopGroup ownGroup;
  private final Upstreams upstreams;
  private final CachePolicy policy;
  private final Ticker ticker;
  private final long staleWindowNanos;
  private final AsyncCache<CacheKey, CachedAnswer> cache;

  /**
   * The cache's look-up that leaves its eviction policy alone: most hits go through it, see {@link
   * LookupKey#recordThisRead}. Typed by {@code Object} because it is asked with a {@link
   * LookupKey}, which equals the stored {@link CacheKey}; Caffeine only hands the key to the map.
   */
  private final Policy<Object, CachedAnswer> quiet;

  private final Set<CompletableFuture<ForwardAnswer>> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  /** A forwarder with an event-loop thread of its own for the upstream sockets. */
  public Forwarder(ForwardConfig config) {
    this(config, Ticker.systemTicker(), null, UpstreamClient.SocketPolicy.DEFAULT);
  }

  /**
   * A forwarder whose upstream sockets live on {@code group}'s event loops (the server's: a reply
   * from upstream is then answered on the loop that reads it, without a hand-over). The group must
   * be epoll or NIO, and outlive {@link #stop}.
   */
  public Forwarder(ForwardConfig config, EventLoopGroup group) {
    this(config, group, UpstreamMetrics.NOOP);
  }

  /**
   * As {@link #Forwarder(ForwardConfig, EventLoopGroup)}, reporting upstream queries to {@code
   * metrics}.
   */
  public Forwarder(ForwardConfig config, EventLoopGroup group, UpstreamMetrics metrics) {
    this(config, Ticker.systemTicker(), group, UpstreamClient.SocketPolicy.DEFAULT, metrics);
  }

  /**
   * @param ticker the clock in nanoseconds ({@link System#nanoTime()} outside tests)
   */
  Forwarder(ForwardConfig config, Ticker ticker) {
    this(config, ticker, null, UpstreamClient.SocketPolicy.DEFAULT);
  }

  /**
   * @param ticker the clock in nanoseconds ({@link System#nanoTime()} outside tests)
   * @param group event loops for the upstream sockets, or null for a thread of the forwarder's own
   * @param sockets how many upstream sockets, and how long each lives
   */
  Forwarder(
      ForwardConfig config,
      Ticker ticker,
      EventLoopGroup group,
      UpstreamClient.SocketPolicy sockets) {
    this(config, ticker, group, sockets, UpstreamMetrics.NOOP);
  }

  private Forwarder(
      ForwardConfig config,
      Ticker ticker,
      EventLoopGroup group,
      UpstreamClient.SocketPolicy sockets,
      UpstreamMetrics metrics) {
    this.ownGroup = group == null ? newGroup() : null;
    this.upstreams = new Upstreams(config, group == null ? ownGroup : group, sockets, metrics);
    this.policy = new CachePolicy(config.cache());
    this.ticker = ticker;
    this.staleWindowNanos = config.cache().serveStale().toNanos();
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(config.cache().maxEntries())
            .ticker(ticker)
            .expireAfter(new AnswerExpiry(staleWindowNanos))
            .buildAsync();
    @SuppressWarnings({"unchecked", "rawtypes"})
    Policy<Object, CachedAnswer> byAnyKey = (Policy) cache.synchronous().policy();
    this.quiet = byAnyKey;
  }

  /** One daemon event-loop thread, native epoll where it loads (as the server's). */
  private static EventLoopGroup newGroup() {
    DefaultThreadFactory threads = new DefaultThreadFactory("wayfinder-upstream", true);
    return Epoll.isAvailable()
        ? new EpollEventLoopGroup(1, threads)
        : new NioEventLoopGroup(1, threads);
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
    CachedAnswer answer =
        probe.recordThisRead() ? ready(cache.asMap().get(probe)) : quiet.getIfPresentQuietly(probe);
    probe.clear();
    if (answer == null || !answer.cacheable() || !answer.isFresh(nowNanos)) {
      return null;
    }
    if (answer.nearExpiry(nowNanos, PREFETCH_DIVISOR) && answer.claimPrefetch()) {
      CacheKey key = new CacheKey(Arrays.copyOf(name, length), qtype, qclass);
      CompletableFuture<CachedAnswer> entry = cache.asMap().get(key);
      if (entry != null && ready(entry) == answer) {
        prefetch(key, entry);
      }
    }
    return answer;
  }

  /** The answer of a complete, successful entry; null for none, pending or failed. */
  private static CachedAnswer ready(CompletableFuture<CachedAnswer> entry) {
    return entry == null || !entry.isDone() || entry.isCompletedExceptionally()
        ? null
        : entry.getNow(null);
  }

  /**
   * Asks the upstreams again for an entry that is still being served, and puts a usable answer in
   * its place; a failure leaves the entry to expire as it would have. One refresh per entry: the
   * caller claimed it ({@link CachedAnswer#claimPrefetch}), and the new entry starts unclaimed.
   */
  private void prefetch(CacheKey key, CompletableFuture<CachedAnswer> entry) {
    load(key, null)
        .thenAccept(
            fresh -> {
              if (!stopped && !fresh.failed() && fresh.cacheable()) {
                cache.asMap().replace(key, entry, CompletableFuture.completedFuture(fresh));
              }
            });
  }

  /**
   * Runs the cache's pending upkeep (evictions included) now; returns how many entries it holds.
   */
  long settledEntries() {
    cache.synchronous().cleanUp();
    return cache.synchronous().estimatedSize();
  }

  /** About how many answers the cache holds (pending upkeep not run: cheap, for a gauge). */
  public long cacheEntries() {
    return cache.synchronous().estimatedSize();
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
    if (ownGroup != null) {
      ownGroup.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    for (CompletableFuture<ForwardAnswer> future : pending) {
      future.complete(CachedAnswer.servfail());
    }
    pending.clear();
  }

  private CompletableFuture<ForwardAnswer> answerFrom(
      CacheKey key, CompletableFuture<CachedAnswer> entry, CachedAnswer cached) {
    long now = ticker.read();
    if (!cached.cacheable() || cached.isFresh(now)) {
      if (cached.nearExpiry(now, PREFETCH_DIVISOR) && cached.claimPrefetch()) {
        prefetch(key, entry);
      }
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
    return upstreams.query(key).thenApply(reply -> toCached(key, reply));
  }

  private CachedAnswer toCached(CacheKey key, WireReply reply) {
    long now = ticker.read();
    if (reply == null) {
      return CachedAnswer.failure(now);
    }
    try {
      return AnswerCodec.fromReply(reply, key, policy.lifetime(reply), now);
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
