package dev.wayfinder.dns;

import dev.wayfinder.config.Cidr;
import dev.wayfinder.dns.forward.ForwardAnswer;
import dev.wayfinder.zone.ZoneAnswer;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names that are not ours: forwarded when the source is in {@code dns.forward.allow_from} and
 * upstreams are configured, else REFUSED (never an open resolver). The answer is composed on the
 * channel's event loop when it arrives, with RA set and AA clear; over TCP it may overtake answers
 * to earlier queries (RFC 7766 7).
 */
final class ForwardStep implements QueryHandler {
  private static final Logger log = LoggerFactory.getLogger(ForwardStep.class);

  private final Upstream upstream;
  private final List<Cidr> allowFrom;
  private final AtomicInteger inFlight = new AtomicInteger();

  /**
   * @param upstream the resolver, or null when no upstreams are configured
   * @param allowFrom sources allowed to use it
   */
  ForwardStep(Upstream upstream, List<Cidr> allowFrom) {
    this.upstream = upstream;
    this.allowFrom = List.copyOf(allowFrom);
  }

  @Override
  public int handle(Exchange ex) {
    if (upstream == null || !Cidr.anyContains(allowFrom, ex.source().getAddress())) {
      return Rcode.REFUSED;
    }
    WireQuery q = ex.query();
    Exchange held = ex.detach();
    inFlight.incrementAndGet();
    upstream
        .resolve(q.lowerNameCopy(), q.qtype, q.qclass)
        .whenComplete((answer, error) -> completeOnLoop(held, answer, error));
    return WRITTEN;
  }

  /** Forwarded queries whose answer has not been written yet. */
  int inFlight() {
    return inFlight.get();
  }

  private void completeOnLoop(Exchange held, ForwardAnswer answer, Throwable error) {
    try {
      held.eventLoop().execute(() -> reply(held, answer, error));
    } catch (RejectedExecutionException e) {
      // The server is stopping and its loops are gone: nobody is left to answer.
      held.release();
      inFlight.decrementAndGet();
    }
  }

  private void reply(Exchange held, ForwardAnswer answer, Throwable error) {
    try {
      WireQuery q = held.query();
      if (answer == null) {
        log.debug("forwarding failed for query {}", q.id, error);
        held.send(ResponseWriter.error(held.alloc(), held.packet(), q, Rcode.SERVFAIL, q.hasOpt));
        return;
      }
      ZoneAnswer shaped =
          new ZoneAnswer(
              answer.rcode(),
              false,
              answer.ancount(),
              answer.nscount(),
              answer.arcount(),
              new byte[][] {answer.tail()});
      held.send(
          ResponseWriter.answer(
              held.alloc(), held.packet(), q, shaped, answer.tail(), true, held.sizeLimit()));
    } catch (RuntimeException e) {
      log.debug("cannot write a forwarded answer", e);
    } finally {
      held.release();
      inFlight.decrementAndGet();
    }
  }
}
