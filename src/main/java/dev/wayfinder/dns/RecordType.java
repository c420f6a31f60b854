package dev.wayfinder.dns;

/** The RR types and classes the wire code looks at itself (RFC 1035 3.2.2, 3.2.3). */
final class RecordType {
  /** RFC 6891 6.1.1: the EDNS pseudo-record. */
  static final int OPT = 41;

  /** RFC 8945 4.2: the transaction signature, always the last additional record. */
  static final int TSIG = 250;

  /** RFC 1995: incremental transfer; answered with a full transfer. */
  static final int IXFR = 251;

  /** RFC 5936: full zone transfer. */
  static final int AXFR = 252;

  /** Class IN, the only class the zone serves. */
  static final int CLASS_IN = 1;

  private RecordType() {}
}
