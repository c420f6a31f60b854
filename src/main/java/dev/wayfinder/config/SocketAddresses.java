package dev.wayfinder.config;

import dev.wayfinder.registry.IpLiteral;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Socket addresses as the config writes them: {@code IP:PORT}, {@code [IPv6]:PORT}, and where a
 * default port applies also {@code IP} and a bare IPv6 literal. IP literals only: no name lookups.
 */
final class SocketAddresses {
  /** No default: the port must be written. */
  static final int PORT_REQUIRED = -1;

  private SocketAddresses() {}

  /**
   * Parses {@code text}; port 0 is allowed (a listener then picks a free port).
   *
   * @param defaultPort the port when none is written, or {@link #PORT_REQUIRED}
   * @throws IllegalArgumentException with a message fit for a config error
   */
  static InetSocketAddress parse(String text, int defaultPort) {
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("missing ] in " + text);
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw new IllegalArgumentException("expected :PORT after ] in " + text);
      }
      port = rest.isEmpty() ? null : rest.substring(1);
    } else if (text.indexOf(':') != text.lastIndexOf(':')) {
      host = text; // a bare IPv6 literal: a port needs the [v6]:port form
      port = null;
    } else {
      int colon = text.indexOf(':');
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
    }
    InetAddress address = IpLiteral.toAddress(host);
    if (address == null) {
      throw new IllegalArgumentException("not an IP address (names are not looked up): " + text);
    }
    return new InetSocketAddress(address, port(port, defaultPort, text));
  }

  private static int port(String port, int defaultPort, String whole) {
    if (port == null) {
      if (defaultPort == PORT_REQUIRED) {
        throw new IllegalArgumentException("expected IP:PORT or [IPv6]:PORT: " + whole);
      }
      return defaultPort;
    }
    try {
      int p = Integer.parseInt(port);
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException("port must be 0 to 65535 in " + whole);
  }
}
