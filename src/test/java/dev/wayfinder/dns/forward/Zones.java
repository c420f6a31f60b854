package dev.wayfinder.dns.forward;

/** Zone files served by the test's Knot upstream. */
final class Zones {
  private Zones() {}

  /**
   * SOA TTL 3600 and MINIMUM 300, so the RFC 2308 negative TTL is 300; {@code long} has a TTL above
   * a one-hour max_ttl; {@code zero} has TTL 0 (never cached); {@code big} is a TXT RRset of about
   * 1.7 KB, more than a 1232-byte UDP payload.
   */
  static final String EXAMPLE =
      """
      $ORIGIN example.test.
      @    3600 IN SOA ns.example.test. admin.example.test. 1 3600 600 86400 300
      @    3600 IN NS  ns
      ns    300 IN A   127.0.0.1
      www   300 IN A   192.0.2.1
      www   300 IN A   192.0.2.2
      long 7200 IN A   192.0.2.3
      zero    0 IN A   192.0.2.4
      """
          + bigTxt();

  /** SOA TTL 60 below MINIMUM 600: the negative TTL is the SOA's own TTL. */
  static final String LOW_SOA =
      """
      $ORIGIN lowsoa.test.
      @    60 IN SOA ns.lowsoa.test. admin.lowsoa.test. 1 3600 600 86400 600
      @  3600 IN NS  ns
      ns  300 IN A   127.0.0.1
      """;

  private static String bigTxt() {
    StringBuilder txt = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      txt.append("big 300 IN TXT \"")
          .append(String.valueOf((char) ('a' + i)).repeat(200))
          .append("\"\n");
    }
    return txt.toString();
  }
}
