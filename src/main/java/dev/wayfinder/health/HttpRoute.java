package dev.wayfinder.health;

import java.nio.charset.StandardCharsets;

/**
 * Everything one endpoint's probe request needs, prepared once: the request already encoded (the
 * same bytes every second: no per-probe header objects or string building) and, for an IP-literal
 * host, the connection pool of its server.
 *
 * @param target the parsed URL
 * @param request the whole GET request, encoded (RFC 9112 section 3)
 * @param pool the pool of the server when the host is a literal; {@code null} for a name, which is
 *     looked up per probe
 * @param wantBody whether the body is read (only {@code expect_body} needs it)
 * @param bodyLimit how much of it at most
 */
record HttpRoute(
    HttpTarget target, byte[] request, ConnectionPool pool, boolean wantBody, int bodyLimit) {

  /** {@code GET path HTTP/1.1} with Host (RFC 9110 section 7.2), User-Agent and Accept. */
  static byte[] encode(HttpTarget target) {
    String head =
        "GET "
            + target.pathAndQuery()
            + " HTTP/1.1\r\nHost: "
            + target.hostHeader()
            + "\r\nUser-Agent: wayfinder-health\r\nAccept: */*\r\n\r\n";
    return head.getBytes(StandardCharsets.UTF_8);
  }
}
