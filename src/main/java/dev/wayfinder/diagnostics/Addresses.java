package dev.wayfinder.diagnostics;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Addresses as reports write them: {@code IP:PORT}, {@code [IPv6]:PORT}; never a name lookup. */
final class Addresses {
  private Addresses() {}

  static String text(InetSocketAddress a) {
    return text(a.getAddress(), a.getPort());
  }

  static String text(InetAddress ip, int port) {
    String host = ip.getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
