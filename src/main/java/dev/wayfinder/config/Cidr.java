package dev.wayfinder.config;

import dev.wayfinder.registry.IpLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * An address prefix such as {@code 127.0.0.0/8} or {@code fd00::/8}. A bare address is a host
 * prefix (/32 or /128). IPv4 checks do not allocate: they use {@link Inet4Address#hashCode()},
 * which is the address as an int.
 */
public final class Cidr {
  private final byte[] network;
  private final int prefix;
  private final int v4Network;
  private final int v4Mask;

  private Cidr(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
    if (network.length == 4) {
      v4Mask = prefix == 0 ? 0 : -1 << (32 - prefix);
      v4Network =
          ((network[0] & 0xff) << 24
                  | (network[1] & 0xff) << 16
                  | (network[2] & 0xff) << 8
                  | (network[3] & 0xff))
              & v4Mask;
    } else {
      v4Mask = 0;
      v4Network = 0;
    }
  }

  /**
   * Parses {@code ADDRESS[/PREFIX]} where ADDRESS is an IP literal (no name lookups).
   *
   * @throws IllegalArgumentException with a message fit for a config error
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String addr = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = IpLiteral.parse(addr);
    if (bytes == null) {
      throw new IllegalArgumentException("not an IP address or prefix: " + text);
    }
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in " + text);
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException("prefix length must be 0 to " + max + " in " + text);
      }
    }
    return new Cidr(bytes, prefix);
  }

  /** True when {@code address} is inside this prefix. */
  public boolean contains(InetAddress address) {
    if (address instanceof Inet4Address) {
      return network.length == 4 && (address.hashCode() & v4Mask) == v4Network;
    }
    if (network.length != 16) {
      return false;
    }
    byte[] a = address.getAddress();
    int bits = prefix;
    for (int i = 0; i < 16 && bits > 0; i++, bits -= 8) {
      int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
      if ((a[i] & mask) != (network[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** True when any prefix in {@code list} contains {@code address}. */
  public static boolean anyContains(List<Cidr> list, InetAddress address) {
    for (int i = 0, n = list.size(); i < n; i++) {
      if (list.get(i).contains(address)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefix;
  }
}
