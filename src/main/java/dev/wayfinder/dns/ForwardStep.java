package dev.wayfinder.dns;

import dev.wayfinder.config.Cidr;
import dev.wayfinder.config.LimitsConfig;
import dev.wayfinder.dns.forward.CachedAnswer;
import dev.wayfinder.dns.forward.ForwardAnswer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names that are not ours: forwarded when the source is in {@code dns.forward.allow_from} and
 * upstreams are configured, else REFUSED (never an open resolver). The answer has RA set and AA
 * clear. A fresh cache hit ({@link Upstream#cached}) is written at once from the stored answer,
 * like a zone answer, so it leaves with the read batch and allocates nothing but the reply buffer;
 * otherwise it goes through {@link Upstream#resolve}: a future already complete is written at once
 * too, and any other answer is composed on the channel's event loop when it arrives, directly when
 * the upstream reply was read on that loop (over TCP it may then overtake answers to earlier
 * queries, RFC 7766 7). Those waiting answers are bounded: over {@code forward_in_flight} a query
 * that is not a fresh cache hit gets SERVFAIL at once.
 */
final class ForwardStep implements QueryHandler {
  private static final Logger log = LoggerFactory.getLogger(ForwardStep.class);

  private final Upstream upstream;
  private final List<Cidr> allowFrom;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final int maxInFlight;

  /** With the default {@code forward_in_flight}. */
  ForwardStep(Upstream upstream, List<Cidr> allowFrom) {
    this(upstream, allowFrom, LimitsConfig.DEFAULT.forwardInFlight());
  }

  /**
   * @param upstream the resolver, or null when no upstreams are configured
   * @param allowFrom sources allowed to use it
   * @param maxInFlight forwarded queries awaiting their answer at once ({@code
   *     dns.limits.forward_in_flight}); with that many, the next gets SERVFAIL at once. Event loops
   *     check it side by side, so it may be passed by one query per loop.
   */
  ForwardStep(Upstream upstream, List<Cidr> allowFrom, int maxInFlight) {
    this.upstream = upstream;
    this.allowFrom = List.copyOf(allowFrom);
    this.maxInFlight = maxInFlight;
  }

  @Override
  public int handle(Exchange ex) {
    if (upstream == null || !Cidr.anyContains(allowFrom, ex.source().getAddress())) {
      ex.answeredFrom(AnswerSource.REFUSED);
      return Rcode.REFUSED;
    }
    WireQuery q = ex.query();
    long now = upstream.now();
    CachedAnswer hit = upstream.cached(q.lowerName, q.nameLength, q.qtype, q.qclass, now);
    if (hit != null) {
      ex.answeredFrom(AnswerSource.CACHE);
      ex.send(ResponseWriter.cached(ex.alloc(), ex.packet(), q, hit, now, ex.sizeLimit()));
      return WRITTEN;
    }
    ex.answeredFrom(AnswerSource.FORWARD);
    if (inFlight.get() >= maxInFlight) {
      ex.forwardRejected();
      return Rcode.SERVFAIL;
    }
    CompletableFuture<ForwardAnswer> pending =
        upstream.resolve(q.lowerNameCopy(), q.qtype, q.qclass);
    if (pending.isDone()) {
      // Answered at once (stale, not cacheable, stopped): no copy of the exchange, no task.
      write(ex, pending.getNow(null), null);
      return WRITTEN;
    }
    Exchange held = ex.detach();
    inFlight.incrementAndGet();
    pending.whenComplete((answer, error) -> completeOnLoop(held, answer, error));
    return WRITTEN;
  }

  /** Forwarded queries whose answer has not been written yet. */
  int inFlight() {
    return inFlight.get();
  }

  private void completeOnLoop(Exchange held, ForwardAnswer answer, Throwable error) {
    if (held.eventLoop().inEventLoop()) {
      // The upstream reply was read on this channel's loop: answer now, no task.
      reply(held, answer, error);
      return;
    }
    try {
      held.eventLoop().execute(() -> reply(held, answer, error));
    } catch (RejectedExecutionException e) {
      // The server is stopping and its loops are gone: nobody is left to answer.
      held.dropped();
      held.release();
      inFlight.decrementAndGet();
    }
  }

  private void reply(Exchange held, ForwardAnswer answer, Throwable error) {
    try {
      write(held, answer, error);
    } catch (RuntimeException e) {
      log.debug("cannot write a forwarded answer", e);
    } finally {
      held.release();
      inFlight.decrementAndGet();
    }
  }

  /** The forwarded answer, or SERVFAIL when there is none. */
  private static void write(Exchange ex, ForwardAnswer answer, Throwable error) {
    WireQuery q = ex.query();
    if (answer == null) {
      log.debug("forwarding failed for query {}", q.id, error);
      ex.send(ResponseWriter.error(ex.alloc(), ex.packet(), q, Rcode.SERVFAIL, q.hasOpt));
      return;
    }
    ex.send(ResponseWriter.forwarded(ex.alloc(), ex.packet(), q, answer, ex.sizeLimit()));
  }
}
