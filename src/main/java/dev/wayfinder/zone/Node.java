package dev.wayfinder.zone;

import org.xbill.DNS.Type;

/**
 * Everything a snapshot answers at one name: a precomputed answer per record type that exists there
 * (null where none does). A name that exists with no records at all (an empty non-terminal, RFC
 * 8020) is a node whose answers are all null.
 *
 * <p>The negative answer for the other types is not stored here but in the snapshot: it carries the
 * SOA serial, and keeping it out of the nodes lets a verdict change bump the serial without
 * touching every node of the zone.
 *
 * @param inZone true for names under the zone, false for the reverse names (outside it)
 * @param a A records
 * @param aaaa AAAA records
 * @param srv SRV records
 * @param ptr PTR records
 * @param soa the apex SOA
 * @param ns the apex NS
 */
record Node(
    boolean inZone,
    ZoneAnswer a,
    ZoneAnswer aaaa,
    ZoneAnswer srv,
    ZoneAnswer ptr,
    ZoneAnswer soa,
    ZoneAnswer ns) {

  /** A name with no records of its own. */
  static Node empty(boolean inZone) {
    return new Node(inZone, null, null, null, null, null, null);
  }

  /**
   * The answer for {@code qtype}: the records, {@link ZoneAnswer#SLOW} for the types only the
   * general path handles (ANY, and the transfers the server runs itself), or {@code null} when the
   * name holds no records of that type (the snapshot then answers NODATA).
   */
  ZoneAnswer answer(int qtype) {
    return switch (qtype) {
      case Type.A -> a;
      case Type.AAAA -> aaaa;
      case Type.SRV -> srv;
      case Type.PTR -> ptr;
      case Type.SOA -> soa;
      case Type.NS -> ns;
      case Type.ANY, Type.AXFR, Type.IXFR -> ZoneAnswer.SLOW;
      default -> null;
    };
  }

  /** True when this name holds records of {@code type} (one of the six a node stores). */
  boolean has(int type) {
    ZoneAnswer found = answer(type);
    return found != null && found != ZoneAnswer.SLOW;
  }

  /**
   * This node with the health-dependent answers (A, AAAA, SRV) of {@code rebuilt}, the same name
   * built again for new verdicts; the rest is kept.
   */
  Node withServiceAnswers(Node rebuilt) {
    return new Node(inZone, rebuilt.a, rebuilt.aaaa, rebuilt.srv, ptr, soa, ns);
  }

  /**
   * This node with {@code answer} for {@code type}. Where the type already has records, the first
   * one wins: two services can only claim one name by a naming clash, which config validation
   * reports.
   */
  Node with(int type, ZoneAnswer answer) {
    if (has(type)) {
      return this;
    }
    return switch (type) {
      case Type.A -> new Node(inZone, answer, aaaa, srv, ptr, soa, ns);
      case Type.AAAA -> new Node(inZone, a, answer, srv, ptr, soa, ns);
      case Type.SRV -> new Node(inZone, a, aaaa, answer, ptr, soa, ns);
      case Type.PTR -> new Node(inZone, a, aaaa, srv, answer, soa, ns);
      case Type.SOA -> new Node(inZone, a, aaaa, srv, ptr, answer, ns);
      case Type.NS -> new Node(inZone, a, aaaa, srv, ptr, soa, answer);
      default -> throw new IllegalArgumentException("no slot for type " + Type.string(type));
    };
  }
}
