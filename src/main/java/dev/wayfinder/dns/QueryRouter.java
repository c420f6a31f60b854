package dev.wayfinder.dns;

import dev.wayfinder.zone.ZoneAnswer;

/**
 * The request path after parsing: transfers, then the zone's precomputed answers (the hot path: no
 * allocation beyond the reply buffer), then the dnsjava slow path, and names that are not ours to
 * forwarding. {@code allow_from} of forwarding never limits zone answers.
 */
final class QueryRouter implements QueryHandler {
  private final Authority authority;
  private final QueryHandler transfer;
  private final QueryHandler slow;
  private final QueryHandler forward;
  private int rotation;

  QueryRouter(Authority authority, QueryHandler transfer, QueryHandler forward) {
    this.authority = authority;
    this.transfer = transfer;
    this.forward = forward;
    this.slow = new SlowPath(authority, forward);
  }

  @Override
  public int handle(Exchange ex) {
    WireQuery q = ex.query();
    if (q.qtype == RecordType.AXFR || q.qtype == RecordType.IXFR) {
      ex.answeredFrom(AnswerSource.ZONE);
      return transfer.handle(ex);
    }
    ZoneAnswer answer = authority.find(q.lowerName, q.nameLength, q.qtype);
    if (answer == null) {
      return forward.handle(ex);
    }
    ex.answeredFrom(AnswerSource.ZONE);
    if (q.qclass != RecordType.CLASS_IN) {
      return Rcode.REFUSED;
    }
    if (answer == ZoneAnswer.SLOW) {
      return slow.handle(ex);
    }
    // Round-robin over the shuffled variants; a racy counter is fine, any variant is correct.
    ex.send(ResponseWriter.answer(ex.alloc(), ex.packet(), q, answer, rotation++, ex.sizeLimit()));
    return WRITTEN;
  }
}
