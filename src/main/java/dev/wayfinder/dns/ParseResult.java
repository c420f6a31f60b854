package dev.wayfinder.dns;

/** What {@link QueryParser} made of a packet, and so what the server does with it. */
enum ParseResult {
  /** A well-formed standard query: hand it to the {@link QueryHandler}. */
  OK,
  /** Shorter than a header or a response (QR=1): send nothing, so garbage is never amplified. */
  DROP,
  /** Malformed question or EDNS: FORMERR, the question echoed only when it parsed. */
  FORMERR,
  /** An opcode other than QUERY (RFC 1035 4.1.1): NOTIMP. */
  NOTIMP,
  /** EDNS version above 0 (RFC 6891 6.1.3): BADVERS with an OPT record. */
  BADVERS
}
