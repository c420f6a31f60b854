package dev.wayfinder.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/** IP literals only: never a name lookup, so a typo cannot turn into a DNS query at load time. */
public final class IpLiteral {
  private IpLiteral() {}

  /** The address bytes (4 or 16), or {@code null} when {@code text} is not an IP literal. */
  public static byte[] parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String t =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    byte[] v4 = Address.toByteArray(t, Address.IPv4);
    if (v4 != null) {
      return v4;
    }
    return t.indexOf(':') >= 0 ? Address.toByteArray(t, Address.IPv6) : null;
  }

  /** The address, or {@code null} when {@code text} is not an IP literal. */
  public static InetAddress toAddress(String text) {
    byte[] b = parse(text);
    if (b == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
