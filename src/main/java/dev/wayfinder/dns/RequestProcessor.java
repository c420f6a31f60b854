package dev.wayfinder.dns;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared by both transports: runs the accept filter ({@link QueryParser}), answers what it rejects,
 * hands good queries to the {@link QueryHandler} and writes the RCODE it returns. Catches
 * everything: nothing a client sends may stop the server.
 */
final class RequestProcessor {
  private static final Logger log = LoggerFactory.getLogger(RequestProcessor.class);

  private final QueryHandler handler;
  private final QueryObserver observer;

  RequestProcessor(QueryHandler handler) {
    this(handler, QueryObserver.NOOP);
  }

  RequestProcessor(QueryHandler handler, QueryObserver observer) {
    this.handler = handler;
    this.observer = observer;
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
