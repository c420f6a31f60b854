package dev.wayfinder.health;

import dev.wayfinder.registry.IpLiteral;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * One endpoint's probe URL, parsed once: the probe runs every second, so the URL is not parsed
 * again each time.
 *
 * @param tls true for https
 * @param host the URL host without brackets: the TLS peer name (SNI, RFC 6066 section 3, is sent
 *     only for a name, never for an IP literal) and the name the certificate must match
 * @param port the URL port, or the scheme's default
 * @param hostHeader the {@code Host} header (RFC 9110 section 7.2): the authority as written
 * @param pathAndQuery the request target (RFC 9112 section 3.2.1), at least {@code /}
 * @param literal the host as an address when it is an IP literal, else {@code null}
 */
record HttpTarget(
    boolean tls,
    String host,
    int port,
    String hostHeader,
    String pathAndQuery,
    InetAddress literal) {

  /** Parses a URL produced by {@link Targets#url}; throws IllegalArgumentException if invalid. */
  static HttpTarget parse(String url) {
    URI uri = URI.create(url);
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("no host in " + url);
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String header = uri.getPort() >= 0 ? host + ":" + port : host;
    return new HttpTarget(tls, bare, port, header, path + query, IpLiteral.toAddress(bare));
  }

  /** The server's address: the literal, or a lookup (cached by the JDK) of the name. */
  InetAddress address() throws UnknownHostException {
    return literal != null ? literal : InetAddress.getByName(host);
  }
}
