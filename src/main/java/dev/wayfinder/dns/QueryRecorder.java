package dev.wayfinder.dns;

import java.net.InetSocketAddress;

/**
 * Takes one observation per query, on the event-loop thread that answers it. A recorder comes from
 * {@link QueryObserver#recorder()} on that thread and is only ever called there, so it may count in
 * plain fields. Calls sit on the query path: they must not block, and should not allocate.
 */
public interface QueryRecorder {

  /** Records nothing. */
  QueryRecorder NOOP = new QueryRecorder() {};

  /**
   * One reply left (counted once per query, also for a zone transfer of many messages).
   *
   * @param qtype the question's RR type (0 when the query was rejected before its question)
   * @param rcode the reply's RCODE, extended ones (BADVERS 16) included
   * @param answers the reply header's ANCOUNT
   * @param latencyNanos from the read of the query to the hand-over of its reply
   * @param client who asked
   * @param lowerName holds the question name in wire format, lower case, in its first {@code
   *     nameLength} bytes (0 when there is none); valid during the call only
   */
  default void replied(
      QueryProtocol protocol,
      int qtype,
      AnswerSource source,
      int rcode,
      int answers,
      long latencyNanos,
      InetSocketAddress client,
      byte[] lowerName,
      int nameLength) {}

  /** A query got no reply: unreadable, or its connection closed before the reply could leave. */
  default void dropped(QueryProtocol protocol) {}

  /**
   * A UDP answer over {@code dns.rate_limit}: dropped, or slipped (then also {@link #replied} with
   * {@link AnswerSource#LIMITED}).
   */
  default void rateLimited(RateLimitAction action) {}

  /**
   * A query to forward got SERVFAIL at once: {@code dns.limits.forward_in_flight} were awaiting
   * their answers (then also {@link #replied}).
   */
  default void forwardRejected() {}

  /** A TCP connection was closed as soon as accepted: over {@code dns.limits}' TCP bounds. */
  default void tcpRefused() {}
}
