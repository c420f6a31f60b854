package dev.wayfinder.dns;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared by both transports: runs the accept filter ({@link QueryParser}), applies the UDP rate
 * limit ({@link ResponseRateLimit}) to what it would answer, answers what it rejects, hands good
 * queries to the {@link QueryHandler} and writes the RCODE it returns. Catches everything: nothing
 * a client sends may stop the server.
 */
final class RequestProcessor {
  private static final Logger log = LoggerFactory.getLogger(RequestProcessor.class);

  private final QueryHandler handler;
  private final QueryObserver observer;

  /** Null when {@code dns.rate_limit} is off. */
  private final ResponseRateLimit rateLimit;

  RequestProcessor(QueryHandler handler) {
    this(handler, QueryObserver.NOOP);
  }

  RequestProcessor(QueryHandler handler, QueryObserver observer) {
    this(handler, observer, null);
  }

  /**
   * @param rateLimit limits UDP answers, or null for none
   */
  RequestProcessor(QueryHandler handler, QueryObserver observer, ResponseRateLimit rateLimit) {
    this.handler = handler;
    this.observer = observer;
    this.rateLimit = rateLimit;
  }

  /** The recorder for a channel on the calling event loop ({@link QueryObserver#recorder}). */
  QueryRecorder recorder() {
    return observer.recorder();
  }

  /**
   * Processes the packet {@code ex} points at.
   *
   * @return what the parser made of it (TCP closes the connection on {@link ParseResult#DROP})
   */
  ParseResult process(Exchange ex) {
    WireQuery q = ex.query();
    ParseResult parsed;
    try {
      parsed = QueryParser.parse(ex.packet(), q);
    } catch (RuntimeException e) {
      log.debug("cannot parse a query", e);
      ex.dropped();
      return ParseResult.DROP;
    }
    try {
      if (rateLimit != null
          && parsed != ParseResult.DROP
          && ex.protocol() == QueryProtocol.UDP
          && limited(ex, parsed)) {
        return parsed;
      }
      switch (parsed) {
        case DROP -> ex.dropped();
        case OK -> dispatch(ex);
        case FORMERR -> reject(ex, Rcode.FORMERR, false);
        case NOTIMP -> reject(ex, Rcode.NOTIMP, q.hasOpt);
        case BADVERS -> reject(ex, Rcode.BADVERS, true);
      }
    } catch (RuntimeException e) {
      log.debug("failed to answer query {} from {}", q.id, ex.source(), e);
      ex.answeredFrom(AnswerSource.ERROR);
      reject(ex, Rcode.SERVFAIL, q.hasOpt);
    }
    return parsed;
  }

  /**
   * Charges the answer to {@code ex} to the rate limit; over it, sends the empty TC reply when it
   * is this one's turn to slip and the question parsed, else drops it.
   *
   * @return true when the limit took the query (nothing more is to be sent)
   */
  private boolean limited(Exchange ex, ParseResult parsed) {
    int verdict = rateLimit.verdict(ex.source().getAddress());
    if (verdict == SourceBuckets.ANSWER) {
      return false;
    }
    if (verdict == SourceBuckets.SLIP && parsed == ParseResult.OK) {
      ex.rateLimited(RateLimitAction.SLIP);
      ex.answeredFrom(AnswerSource.LIMITED);
      ex.send(ResponseWriter.slipped(ex.alloc(), ex.packet(), ex.query()));
    } else {
      ex.rateLimited(RateLimitAction.DROP);
    }
    return true;
  }

  private void dispatch(Exchange ex) {
    int rcode = handler.handle(ex);
    if (rcode != QueryHandler.WRITTEN) {
      reject(ex, rcode, ex.query().hasOpt);
    }
  }

  private static void reject(Exchange ex, int rcode, boolean withOpt) {
    if (rcode > 15) {
      ex.extendedRcode(rcode);
    }
    try {
      ex.send(ResponseWriter.error(ex.alloc(), ex.packet(), ex.query(), rcode, withOpt));
    } catch (RuntimeException e) {
      log.debug("cannot send rcode {}", rcode, e);
    }
  }
}
