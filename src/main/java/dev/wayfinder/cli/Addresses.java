package dev.wayfinder.cli;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;

/** Formats socket addresses as an operator writes them: {@code 127.0.0.1:53}, {@code [::1]:53}. */
final class Addresses {
  private Addresses() {}

  static String format(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  static String format(List<InetSocketAddress> list) {
    return list.stream().map(Addresses::format).collect(Collectors.joining(", ", "[", "]"));
  }
}
