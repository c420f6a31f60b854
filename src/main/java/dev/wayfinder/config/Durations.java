package dev.wayfinder.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config durations: a whole number with a unit, {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}.
 */
final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");
  private static final Pattern BARE_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  /** TTLs are 32-bit unsigned on the wire, limited to 2^31-1 by RFC 2181 section 8. */
  static final long MAX_TTL = 2147483647L;

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException with a message fit for a config error
   */
  static Duration parse(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      if (BARE_NUMBER.matcher(text).matches()) {
        throw new IllegalArgumentException(
            "a duration needs a unit (ms, s, m or h), e.g. " + text + "s: " + text);
      }
      throw new IllegalArgumentException(
          "not a duration (a whole number with ms, s, m or h): " + text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /**
   * Parses a TTL: whole seconds, 0 to 2147483647 (RFC 2181 section 8).
   *
   * @throws IllegalArgumentException with a message fit for a config error
   */
  static long parseTtl(String text) {
    long ttl;
    try {
      ttl = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a ttl is whole seconds: " + text);
    }
    if (ttl < 0 || ttl > MAX_TTL) {
      throw new IllegalArgumentException("a ttl must be 0 to " + MAX_TTL + ": " + text);
    }
    return ttl;
  }
}
