package dev.wayfinder.dns;

import java.net.InetSocketAddress;

/** Two recorders called in turn ({@link QueryObserver#both}). */
record BothRecorders(QueryRecorder first, QueryRecorder second) implements QueryRecorder {
  @Override
  public void replied(
      QueryProtocol protocol,
      int qtype,
      AnswerSource source,
      int rcode,
      int answers,
      long latencyNanos,
      InetSocketAddress client,
      byte[] lowerName,
      int nameLength) {
    first.replied(
        protocol, qtype, source, rcode, answers, latencyNanos, client, lowerName, nameLength);
    second.replied(
        protocol, qtype, source, rcode, answers, latencyNanos, client, lowerName, nameLength);
  }

  @Override
  public void dropped(QueryProtocol protocol) {
    first.dropped(protocol);
    second.dropped(protocol);
  }

  @Override
  public void rateLimited(RateLimitAction action) {
    first.rateLimited(action);
    second.rateLimited(action);
  }

  @Override
  public void forwardRejected() {
    first.forwardRejected();
    second.forwardRejected();
  }

  @Override
  public void tcpRefused() {
    first.tcpRefused();
    second.tcpRefused();
  }
}
