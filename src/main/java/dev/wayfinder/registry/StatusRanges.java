package dev.wayfinder.registry;

/**
 * Checks {@code expect_status}: a comma-separated list of HTTP statuses and ranges, such as {@code
 * 200-399} or {@code 200,204,300-399}, each within 100 to 599 (RFC 9110 section 15).
 */
final class StatusRanges {
  private static final int MIN = 100;
  private static final int MAX = 599;

  private StatusRanges() {}

  /**
   * Returns {@code text} unchanged when valid.
   *
   * @throws IllegalArgumentException with a message fit for a config error
   */
  static String check(String text) {
    for (String part : text.split(",", -1)) {
      String p = part.trim();
      int dash = p.indexOf('-');
      int low = status(dash < 0 ? p : p.substring(0, dash), text);
      int high = dash < 0 ? low : status(p.substring(dash + 1), text);
      if (low > high) {
        throw new IllegalArgumentException("range runs backwards: " + p + " in " + text);
      }
    }
    return text;
  }

  private static int status(String s, String whole) {
    if (s.matches("\\d{3}")) {
      int n = Integer.parseInt(s);
      if (n >= MIN && n <= MAX) {
        return n;
      }
    }
    throw new IllegalArgumentException(
        "expected statuses " + MIN + " to " + MAX + " like 200-399 or 200,204: " + whole);
  }
}
