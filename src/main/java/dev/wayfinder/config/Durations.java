package dev.wayfinder.config;

import dev.wayfinder.registry.Ttls;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config durations: a whole number with a unit, {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}.
 */
final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");
  private static final Pattern BARE_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

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
   * Parses a TTL: whole seconds, in the range of {@link Ttls}.
   *
   * @throws IllegalArgumentException with a message fit for a config error
   */
  static long parseTtl(String text) {
    return Ttls.check(wholeSeconds(text));
  }

  /**
   * Parses a TTL's text, whole seconds; its range is {@link Ttls}' rule.
   *
   * @throws IllegalArgumentException with a message fit for a config error
   */
  static long wholeSeconds(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a ttl is whole seconds: " + text);
    }
  }
}
