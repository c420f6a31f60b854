package dev.wayfinder.config;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * Parsers for scalar values, for {@link Section#value}: each throws {@link
 * IllegalArgumentException} with a message fit for a config error. They read the text as written,
 * so YAML 1.1's {@code off} reaches an enum as the word {@code off}.
 */
final class Values {
  private Values() {}

  /** Any text, empty included. */
  static final Function<String, String> TEXT = Function.identity();

  /** A non-empty text. */
  static final Function<String, String> NON_EMPTY =
      t -> {
        if (t.isEmpty()) {
          throw new IllegalArgumentException("must not be empty");
        }
        return t;
      };

  /** A duration such as {@code 2s}; see {@link Durations}. */
  static final Function<String, Duration> DURATION = Durations::parse;

  /** A duration greater than zero. */
  static final Function<String, Duration> POSITIVE_DURATION =
      t -> {
        Duration d = Durations.parse(t);
        if (d.isZero()) {
          throw new IllegalArgumentException("must be more than 0: " + t);
        }
        return d;
      };

  /** A TTL in whole seconds. */
  static final Function<String, Long> TTL = Durations::parseTtl;

  /** A boolean, in YAML 1.1's words too: true/false, yes/no, on/off. */
  static final Function<String, Boolean> BOOL =
      t ->
          switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false: " + t);
          };

  /** A whole number, its range left to the rule that takes it. */
  static final Function<String, Long> WHOLE = Values::whole;

  private static long whole(String t) {
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number: " + t);
    }
  }

  /** A whole number from {@code min} to {@code max}. */
  static Function<String, Long> number(long min, long max) {
    return t -> parseNumber(t, min, max);
  }

  private static long parseNumber(String t, long min, long max) {
    long n = whole(t);
    if (n < min || n > max) {
      throw new IllegalArgumentException(range(min, max) + ": " + t);
    }
    return n;
  }

  /** A whole number from {@code min} to {@code max}, as an int. */
  static Function<String, Integer> integer(int min, int max) {
    return t -> (int) parseNumber(t, min, max);
  }

  /** A decimal number from {@code min} to {@code max}. */
  static Function<String, Double> decimal(double min, double max) {
    return t -> {
      double d;
      try {
        d = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a number: " + t);
      }
      if (!(d >= min && d <= max)) {
        throw new IllegalArgumentException("must be " + min + " to " + max + ": " + t);
      }
      return d;
    };
  }

  /** One of an enum's constants, written lower case with {@code -} for {@code _}. */
  static <E extends Enum<E>> Function<String, E> choice(Class<E> type) {
    return t -> {
      for (E e : type.getEnumConstants()) {
        if (word(e).equals(t)) {
          return e;
        }
      }
      throw new IllegalArgumentException("must be one of " + words(type) + ": " + t);
    };
  }

  /** An {@code http://} or {@code https://} URL with a host. */
  static final Function<String, String> HTTP_URL =
      t -> {
        if (!(t.startsWith("http://") || t.startsWith("https://"))
            || t.indexOf("://") + 3 == t.length()) {
          throw new IllegalArgumentException("must be an http:// or https:// URL: " + t);
        }
        return t;
      };

  /** The config word of an enum constant: {@code ERRORS_ONLY} is {@code errors-only}. */
  static String word(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static <E extends Enum<E>> String words(Class<E> type) {
    StringBuilder sb = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      sb.append(sb.isEmpty() ? "" : ", ").append(word(e));
    }
    return sb.toString();
  }

  private static String range(long min, long max) {
    return max == Long.MAX_VALUE || max == Integer.MAX_VALUE
        ? "must be at least " + min
        : "must be " + min + " to " + max;
  }
}
