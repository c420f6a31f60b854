package dev.wayfinder.dns;

/**
 * Response codes the server sends (RFC 1035 4.1.1, RFC 2136 2.2, RFC 6891 9, RFC 8945 5.2). Values
 * above 15 are extended: the low four bits go in the header, the rest in the OPT or TSIG record.
 */
final class Rcode {
  static final int NOERROR = 0;
  static final int FORMERR = 1;
  static final int SERVFAIL = 2;
  static final int NXDOMAIN = 3;
  static final int NOTIMP = 4;
  static final int REFUSED = 5;
  static final int NOTAUTH = 9;

  /** RFC 6891 6.1.3: EDNS version not implemented (carried through the OPT extended RCODE). */
  static final int BADVERS = 16;

  /** RFC 8945 5.2: TSIG errors, carried in the TSIG record's error field. */
  static final int BADSIG = 16;

  static final int BADKEY = 17;

  static final int BADTIME = 18;

  private Rcode() {}
}
