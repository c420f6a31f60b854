package dev.wayfinder.registry;

import java.util.Locale;

/**
 * DNS names as the config writes them: lower-cased, no trailing dot, each label letters, digits and
 * hyphens, not starting or ending with a hyphen (RFC 1123 section 2.1), 1 to 63 octets, the whole
 * name at most 253 characters (RFC 1035 section 2.3.4).
 */
public final class DnsNames {
  public static final int MAX_LABEL = 63;
  public static final int MAX_NAME = 253;

  private DnsNames() {}

  /**
   * Normalizes a (possibly absolute) name.
   *
   * @throws IllegalArgumentException with a message fit for a config error
   */
  public static String name(String text) {
    String n = text.toLowerCase(Locale.ROOT);
    if (n.endsWith(".")) {
      n = n.substring(0, n.length() - 1);
    }
    if (n.isEmpty()) {
      throw new IllegalArgumentException("a name must not be empty");
    }
    if (n.length() > MAX_NAME) {
      throw new IllegalArgumentException("name longer than " + MAX_NAME + " characters: " + text);
    }
    for (String label : n.split("\\.", -1)) {
      checkLabel(label, text);
    }
    return n;
  }

  /**
   * Normalizes a single label, such as an endpoint hostname or a port name.
   *
   * @throws IllegalArgumentException with a message fit for a config error
   */
  public static String label(String text) {
    String l = text.toLowerCase(Locale.ROOT);
    if (l.indexOf('.') >= 0) {
      throw new IllegalArgumentException("must be a single DNS label, without dots: " + text);
    }
    checkLabel(l, text);
    return l;
  }

  private static void checkLabel(String label, String whole) {
    if (label.isEmpty()) {
      throw new IllegalArgumentException("empty label in " + whole);
    }
    if (label.length() > MAX_LABEL) {
      throw new IllegalArgumentException(
          "label longer than " + MAX_LABEL + " characters in " + whole);
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      throw new IllegalArgumentException(
          "a label must not start or end with a hyphen: " + label + " in " + whole);
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
        throw new IllegalArgumentException(
            "a label holds only letters, digits and hyphens: " + label + " in " + whole);
      }
    }
  }
}
