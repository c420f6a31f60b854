package dev.wayfinder.dns;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link QueryObserver} that keeps every observation, for tests on one thread. */
final class RecordingObserver implements QueryObserver, QueryRecorder {
  /** One {@link QueryRecorder#replied} call, the name copied. */
  record Reply(
      QueryProtocol protocol,
      int qtype,
      AnswerSource source,
      int rcode,
      int answers,
      long latencyNanos,
      InetSocketAddress client,
      byte[] name) {}

  final List<Reply> replies = new ArrayList<>();
  final List<QueryProtocol> dropped = new ArrayList<>();
  final List<RateLimitAction> limited = new ArrayList<>();

  @Override
  public QueryRecorder recorder() {
    return this;
  }

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
    replies.add(
        new Reply(
            protocol,
            qtype,
            source,
            rcode,
            answers,
            latencyNanos,
            client,
            Arrays.copyOf(lowerName, nameLength)));
  }

  @Override
  public void dropped(QueryProtocol protocol) {
    dropped.add(protocol);
  }

  @Override
  public void rateLimited(RateLimitAction action) {
    limited.add(action);
  }

  Reply last() {
    return replies.get(replies.size() - 1);
  }
}
