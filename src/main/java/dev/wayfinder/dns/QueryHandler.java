package dev.wayfinder.dns;

/**
 * One stage of the request path, after parsing (like CoreDNS's {@code plugin.Handler}).
 *
 * <p>Contract: {@link #handle} either writes the reply itself through {@link Exchange#send} (or
 * takes the exchange over with {@link Exchange#detach()} to reply later, e.g. forwarding) and
 * returns {@link #WRITTEN}, or writes nothing and returns an RCODE; the caller then sends a reply
 * with no records: the question, that RCODE, and an OPT when the query had one. A handler never
 * sends two replies for one query (zone transfers send one multi-message reply) and never throws
 * for anything the client sent; an exception is logged and answered with SERVFAIL.
 */
interface QueryHandler {
  /** Returned when the handler wrote, or will write, the reply itself. */
  int WRITTEN = -1;

  /**
   * @param exchange the parsed query; its packet and query are only valid during this call
   * @return {@link #WRITTEN}, or the RCODE the caller answers with
   */
  int handle(Exchange exchange);
}
