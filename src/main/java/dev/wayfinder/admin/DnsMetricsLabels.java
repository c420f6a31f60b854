package dev.wayfinder.admin;

import dev.wayfinder.dns.AnswerSource;
import dev.wayfinder.dns.QueryProtocol;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The bounded label values of the DNS metrics, as small indexes the query path counts by: the
 * common query types by mnemonic and {@code other} for the rest; RCODEs 0 to 23 by name and {@code
 * other} above; the zone label. A request counter's slot is {@link #requestSlot}.
 */
final class DnsMetricsLabels {
  /** The query types counted under their own name. */
  private static final int[] NAMED_TYPES = {
    Type.A, Type.NS, Type.CNAME, Type.SOA, Type.PTR, Type.MX, Type.TXT, Type.AAAA, Type.SRV,
    Type.NAPTR, Type.DS, Type.DNSKEY, Type.SVCB, Type.HTTPS, Type.IXFR, Type.AXFR, Type.ANY,
        Type.CAA
  };

  /** Index of each query type below its length; the rest are {@link #OTHER_TYPE}. */
  private static final byte[] TYPE_INDEX = new byte[Type.CAA + 1];

  static final int TYPES = NAMED_TYPES.length + 1;
  static final int OTHER_TYPE = NAMED_TYPES.length;

  /** RCODEs 0..23 by name; above that, one slot. */
  static final int RCODES = 25;

  /** The zone label: the zone's name, {@code forward}, {@code none}. */
  static final int ZONES = 3;

  static final int SLOTS = QueryProtocol.values().length * TYPES * ZONES;

  static {
    java.util.Arrays.fill(TYPE_INDEX, (byte) OTHER_TYPE);
    for (int i = 0; i < NAMED_TYPES.length; i++) {
      TYPE_INDEX[NAMED_TYPES[i]] = (byte) i;
    }
  }

  private DnsMetricsLabels() {}

  static int type(int qtype) {
    return qtype < TYPE_INDEX.length ? TYPE_INDEX[qtype] : OTHER_TYPE;
  }

  static String typeName(int typeIndex) {
    return typeIndex == OTHER_TYPE ? "other" : Type.string(NAMED_TYPES[typeIndex]);
  }

  static int rcode(int rcode) {
    return rcode < RCODES - 1 ? rcode : RCODES - 1;
  }

  /** dnsjava's names (NOERROR, NXDOMAIN, BADVERS, ...), {@code other} past 23. */
  static String rcodeName(int rcodeIndex) {
    return rcodeIndex == RCODES - 1 ? "other" : Rcode.string(rcodeIndex);
  }

  /**
   * 0: the zone, 1: {@code forward} (cache and upstream), 2: {@code none} (refused, errors,
   * rate-limit slips).
   */
  static int zone(AnswerSource source) {
    return switch (source) {
      case ZONE -> 0;
      case CACHE, FORWARD -> 1;
      case REFUSED, ERROR, LIMITED -> 2;
    };
  }

  static String zoneName(int zoneIndex, String zone) {
    return switch (zoneIndex) {
      case 0 -> zone;
      case 1 -> "forward";
      default -> "none";
    };
  }

  static int requestSlot(QueryProtocol protocol, int typeIndex, int zoneIndex) {
    return (protocol.ordinal() * TYPES + typeIndex) * ZONES + zoneIndex;
  }

  static QueryProtocol slotProtocol(int slot) {
    return QueryProtocol.values()[slot / (TYPES * ZONES)];
  }

  static int slotType(int slot) {
    return slot / ZONES % TYPES;
  }

  static int slotZone(int slot) {
    return slot % ZONES;
  }
}
