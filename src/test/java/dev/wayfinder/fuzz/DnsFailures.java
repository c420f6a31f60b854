package dev.wayfinder.fuzz;

/** Where the DNS request path logs the failures it catches (and so answers SERVFAIL or drops). */
final class DnsFailures {
  private DnsFailures() {}

  static CaughtFailures capture() {
    return new CaughtFailures(
        "dev.wayfinder.dns.RequestProcessor",
        "dev.wayfinder.dns.ForwardStep",
        "dev.wayfinder.dns.TcpHandler");
  }
}
