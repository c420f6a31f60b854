package dev.wayfinder.zone;

import org.xbill.DNS.Type;

/**
 * Everything a snapshot answers at one name: a precomputed answer per record type that exists
 * there (null where none does) and the negative answer for every other type. A name that exists
 * with no records at all (an empty non-terminal, RFC 8020) is a node whose answers are all null.
 *
 * @param inZone true for names under the zone, false for the reverse names (outside it)
 * @param a A records
 * @param aaaa AAAA records
 * @param srv SRV records
 * @param ptr PTR records
 * @param soa the apex SOA
 * @param ns the apex NS
 * @param noData the answer for a type with no records here (NODATA, RFC 2308 2.2)
 */
record Node(
    boolean inZone,
    ZoneAnswer a,
    ZoneAnswer aaaa,
    ZoneAnswer srv,
    ZoneAnswer ptr,
    ZoneAnswer soa,
    ZoneAnswer ns,
    ZoneAnswer noData) {

  /** A name with no records of its own. */
  static Node empty(boolean inZone, ZoneAnswer noData) {
    return new Node(inZone, null, null, null, null, null, null, noData);
  }

  /**
   * The answer for {@code qtype}: the records, NODATA, or {@link ZoneAnswer#SLOW} for the types
   * only the general path handles (ANY, and the transfers the server runs itself).
   */
  ZoneAnswer answer(int qtype) {
    ZoneAnswer found =
        switch (qtype) {
          case Type.A -> a;
          case Type.AAAA -> aaaa;
          case Type.SRV -> srv;
          case Type.PTR -> ptr;
          case Type.SOA -> soa;
          case Type.NS -> ns;
          case Type.ANY, Type.AXFR, Type.IXFR -> ZoneAnswer.SLOW;
          default -> null;
        };
    return found != null ? found : noData;
  }

  /** True when this name holds records of {@code type} (one of the six a node stores). */
  boolean has(int type) {
    return answer(type) != noData;
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
      case Type.A -> new Node(inZone, answer, aaaa, srv, ptr, soa, ns, noData);
      case Type.AAAA -> new Node(inZone, a, answer, srv, ptr, soa, ns, noData);
      case Type.SRV -> new Node(inZone, a, aaaa, answer, ptr, soa, ns, noData);
      case Type.PTR -> new Node(inZone, a, aaaa, srv, answer, soa, ns, noData);
      case Type.SOA -> new Node(inZone, a, aaaa, srv, ptr, answer, ns, noData);
      case Type.NS -> new Node(inZone, a, aaaa, srv, ptr, soa, answer, noData);
      default -> throw new IllegalArgumentException("no slot for type " + Type.string(type));
    };
  }
}
