package dev.wayfinder.health;

import dev.wayfinder.registry.IpLiteral;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Fills a probe target template: {@code {}} stands for the endpoint's address. */
final class Targets {
  static final String PLACEHOLDER = "{}";

  private Targets() {}

  /**
   * The endpoint address as it goes in a URL authority or {@code HOST:PORT}: IPv6 in brackets (RFC
   * 3986 section 3.2.2), without a zone id.
   */
  static String hostLiteral(InetAddress address) {
    if (address instanceof Inet6Address) {
      String text = address.getHostAddress();
      int scope = text.indexOf('%');
      return "[" + (scope < 0 ? text : text.substring(0, scope)) + "]";
    }
    return address.getHostAddress();
  }

  /**
   * The URL for one endpoint, e.g. {@code http://{}:8080/healthz} to {@code
   * http://[fd00::1]:8080/healthz}.
   */
  static String url(String template, InetAddress address) {
    // Brackets belong to the authority only (RFC 3986 3.2.2); in a path or query they are illegal,
    // and the bare address (colons are allowed there, 3.3) stands instead.
    int scheme = template.indexOf("://");
    int pathStart = scheme < 0 ? -1 : template.indexOf('/', scheme + 3);
    if (pathStart < 0) {
      return template.replace(PLACEHOLDER, hostLiteral(address));
    }
    String bare = hostLiteral(address).replace("[", "").replace("]", "");
    return template.substring(0, pathStart).replace(PLACEHOLDER, hostLiteral(address))
        + template.substring(pathStart).replace(PLACEHOLDER, bare);
  }

  /**
   * The socket address of a {@code HOST:PORT} template (validated by the config loader). HOST is
   * {@code {}} (the endpoint), an IP literal (bracketed or not), or a name resolved here; the
   * callers run on virtual threads, where a blocking lookup is acceptable.
   */
  static InetSocketAddress socketAddress(String template, InetAddress endpoint) {
    int colon = template.lastIndexOf(':');
    String host = template.substring(0, colon);
    int port = Integer.parseInt(template.substring(colon + 1));
    if (host.equals(PLACEHOLDER)) {
      return new InetSocketAddress(endpoint, port);
    }
    InetAddress literal = IpLiteral.toAddress(host);
    return literal != null
        ? new InetSocketAddress(literal, port)
        : new InetSocketAddress(host, port);
  }
}
