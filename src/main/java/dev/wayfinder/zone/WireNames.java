package dev.wayfinder.zone;

/**
 * Helpers over wire-format names (RFC 1035 3.1): length-prefixed labels. The lookups ({@link
 * #suffixStart}) are allocation-free; the builders make the names of a snapshot without dnsjava.
 */
final class WireNames {
  /** A label length byte above this is a compression pointer or garbage, never a label. */
  private static final int MAX_LABEL = 63;

  private WireNames() {}

  /**
   * Where {@code suffix} (a whole wire name) starts in {@code name[0, len)} when {@code name} is
   * {@code suffix} or below it, cut at a label boundary; -1 otherwise. Byte-wise: both must already
   * be lower case.
   */
  static int suffixStart(byte[] name, int len, byte[] suffix) {
    int target = len - suffix.length;
    // The bytes first, from the end: names that do not end in the suffix differ there at once.
    if (target < 0) {
      return -1;
    }
    for (int i = suffix.length - 1; i >= 0; i--) {
      if (name[target + i] != suffix[i]) {
        return -1;
      }
    }
    int i = 0;
    while (i < target) {
      int label = name[i] & 0xff;
      if (label == 0 || label > MAX_LABEL) {
        return -1;
      }
      i += label + 1;
    }
    return i == target ? i : -1;
  }

  /**
   * {@code relative} (dotted labels of letters, digits, {@code -} and {@code _}) under {@code
   * origin} (wire format), lower case, in wire format; {@code null} when it needs the full text
   * parser (escapes, other characters, empty or long labels, a name over 255 bytes). Made in an
   * array of {@code into}, or a new one when it is {@code null} (so for the other builders).
   */
  static byte[] fromRelative(String relative, byte[] origin, NameScratch into) {
    int n = relative.length();
    if (n == 0 || n + 1 + origin.length > 255) {
      return null;
    }
    byte[] out = NameScratch.array(into, n + 1 + origin.length);
    int lengthAt = 0;
    int w = 1;
    for (int i = 0; i < n; i++) {
      char c = relative.charAt(i);
      if (c == '.') {
        if (!closeLabel(out, lengthAt, w)) {
          return null;
        }
        lengthAt = w++;
      } else if (plain(c)) {
        out[w++] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      } else {
        return null;
      }
    }
    if (!closeLabel(out, lengthAt, w)) {
      return null;
    }
    System.arraycopy(origin, 0, out, w, origin.length);
    return out;
  }

  private static boolean closeLabel(byte[] out, int lengthAt, int end) {
    int label = end - lengthAt - 1;
    out[lengthAt] = (byte) label;
    return label > 0 && label <= MAX_LABEL;
  }

  private static boolean plain(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  /**
   * {@code name} (wire format) with the plain labels {@code labels} in front, or {@code null} when
   * one is not plain (see {@link #fromRelative}) or the result would pass 255 bytes.
   */
  static byte[] prepend(byte[] name, String... labels) {
    int length = name.length;
    for (String label : labels) {
      length += label.length() + 1;
    }
    if (length > 255) {
      return null;
    }
    byte[] out = new byte[length];
    int w = 0;
    for (String label : labels) {
      if (!writeLabel(out, w, label)) {
        return null;
      }
      w += label.length() + 1;
    }
    System.arraycopy(name, 0, out, w, name.length);
    return out;
  }

  /**
   * {@code name} (wire format) with {@code suffix} appended to the label at {@code labelAt} (as
   * {@code S-N} extends the last label of {@code S}), or {@code null} when that label would pass 63
   * bytes.
   */
  static byte[] extendLabel(byte[] name, int labelAt, String suffix) {
    int label = name[labelAt] & 0xff;
    if (label + suffix.length() > MAX_LABEL || name.length + suffix.length() > 255) {
      return null;
    }
    int end = labelAt + 1 + label;
    byte[] out = new byte[name.length + suffix.length()];
    System.arraycopy(name, 0, out, 0, end);
    for (int i = 0; i < suffix.length(); i++) {
      out[end + i] = (byte) suffix.charAt(i);
    }
    System.arraycopy(name, end, out, end + suffix.length(), name.length - end);
    out[labelAt] = (byte) (label + suffix.length());
    return out;
  }

  /**
   * {@code name} (wire format) with {@code -ordinal} appended to the label at {@code labelAt}, as
   * {@link #extendLabel(byte[], int, String)} with the decimal digits written in place.
   */
  static byte[] extendLabel(byte[] name, int labelAt, int ordinal, NameScratch into) {
    if (ordinal < 0) {
      return extendLabel(name, labelAt, "-" + ordinal);
    }
    int digits = 1;
    for (int v = ordinal; v >= 10; v /= 10) {
      digits++;
    }
    int extra = 1 + digits;
    int label = name[labelAt] & 0xff;
    if (label + extra > MAX_LABEL || name.length + extra > 255) {
      return null;
    }
    int end = labelAt + 1 + label;
    byte[] out = NameScratch.array(into, name.length + extra);
    System.arraycopy(name, 0, out, 0, end);
    out[end] = '-';
    for (int d = digits, v = ordinal; d >= 1; d--, v /= 10) {
      out[end + d] = (byte) ('0' + v % 10);
    }
    System.arraycopy(name, end, out, end + extra, name.length - end);
    out[labelAt] = (byte) (label + extra);
    return out;
  }

  /**
   * The labels {@code labels} (wire format without a root label) followed by {@code name}, or
   * {@code null} when that would pass 255 bytes.
   */
  static byte[] concat(byte[] labels, byte[] name, NameScratch into) {
    if (labels.length + name.length > 255) {
      return null;
    }
    byte[] out = NameScratch.array(into, labels.length + name.length);
    System.arraycopy(labels, 0, out, 0, labels.length);
    System.arraycopy(name, 0, out, labels.length, name.length);
    return out;
  }

  /** Where the last label before the {@code suffixLength}-byte suffix of {@code name} starts. */
  static int lastLabelBefore(byte[] name, int suffixLength) {
    int last = 0;
    for (int at = 0; at < name.length - suffixLength; at += (name[at] & 0xff) + 1) {
      last = at;
    }
    return last;
  }

  /** Writes {@code label} lower-cased at {@code out[at]}; false if it is not plain. */
  private static boolean writeLabel(byte[] out, int at, String label) {
    int n = label.length();
    if (n == 0 || n > MAX_LABEL) {
      return false;
    }
    out[at] = (byte) n;
    for (int i = 0; i < n; i++) {
      char c = label.charAt(i);
      if (!plain(c)) {
        return false;
      }
      out[at + 1 + i] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return true;
  }

  /**
   * The reverse name of the address {@code a} (4 or 16 bytes; RFC 1035 3.5 {@code in-addr.arpa},
   * RFC 3596 2.5 {@code ip6.arpa}), wire format, lower case.
   */
  static byte[] reverse(byte[] a, NameScratch into) {
    return a.length == 4 ? reverse4(a, into) : reverse16(a, into);
  }

  private static byte[] reverse4(byte[] a, NameScratch into) {
    int length = IN_ADDR_ARPA.length;
    for (byte b : a) {
      length += 1 + digits(b & 0xff);
    }
    byte[] out = NameScratch.array(into, length);
    int w = 0;
    for (int i = 3; i >= 0; i--) {
      int b = a[i] & 0xff;
      int digits = digits(b);
      out[w++] = (byte) digits;
      for (int d = digits - 1, v = b; d >= 0; d--, v /= 10) {
        out[w + d] = (byte) ('0' + v % 10);
      }
      w += digits;
    }
    System.arraycopy(IN_ADDR_ARPA, 0, out, w, IN_ADDR_ARPA.length);
    return out;
  }

  /** Nibbles, low one first, each a one-character label. */
  private static byte[] reverse16(byte[] a, NameScratch into) {
    byte[] out = NameScratch.array(into, 4 * a.length + IP6_ARPA.length);
    int w = 0;
    for (int i = a.length - 1; i >= 0; i--) {
      out[w] = 1;
      out[w + 1] = HEX[a[i] & 0xf];
      out[w + 2] = 1;
      out[w + 3] = HEX[(a[i] >>> 4) & 0xf];
      w += 4;
    }
    System.arraycopy(IP6_ARPA, 0, out, w, IP6_ARPA.length);
    return out;
  }

  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };

  private static int digits(int b) {
    return b >= 100 ? 3 : b >= 10 ? 2 : 1;
  }

  /** {@code in-addr.arpa.} (RFC 1035 3.5). */
  static final byte[] IN_ADDR_ARPA = {
    7, 'i', 'n', '-', 'a', 'd', 'd', 'r', 4, 'a', 'r', 'p', 'a', 0
  };

  /** {@code ip6.arpa.} (RFC 3596 2.5). */
  static final byte[] IP6_ARPA = {3, 'i', 'p', '6', 4, 'a', 'r', 'p', 'a', 0};

  /**
   * dnsjava's {@code Name.hashCode()} of a name: the seed of its random orders, as it always was.
   */
  static long dnsjavaHash(byte[] wire) {
    try {
      return new org.xbill.DNS.Name(wire).hashCode();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
