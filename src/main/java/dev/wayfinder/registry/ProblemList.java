package dev.wayfinder.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The problems found in one {@link ServiceDraft}, each at a path relative to the service. The
 * validator names where it is (a nested map, a list item) before reading its keys, and the path is
 * only made when a problem needs it: a draft is almost always fine, and a file of 100,000 services
 * would otherwise make a path for each of its million values.
 */
final class ProblemList {
  private List<ServiceProblem> problems;
  private String scope;
  private String list;
  private int index;

  /** Keys from now on are the service's own. */
  void top() {
    scope = null;
    list = null;
  }

  /** Keys from now on are those of the map at {@code path} ({@code health.query}). */
  void scope(String path) {
    scope = path;
    list = null;
  }

  /** Keys from now on are those of item {@code index} of the service's list {@code name}. */
  void item(String name, int index) {
    scope = null;
    list = name;
    this.index = index;
  }

  /** Reports {@code message} at {@code key} of where the validator is; "" is the place itself. */
  void add(String key, String message) {
    if (problems == null) {
      problems = new ArrayList<>();
    }
    problems.add(new ServiceProblem(path(key), message));
  }

  private String path(String key) {
    String at = list != null ? list + "[" + index + "]" : scope;
    if (at == null) {
      return key;
    }
    return key.isEmpty() ? at : at + "." + key;
  }

  boolean isEmpty() {
    return problems == null;
  }

  List<ServiceProblem> list() {
    return problems == null ? List.of() : List.copyOf(problems);
  }

  /**
   * {@code rule} applied to {@code value}; what it refuses (an {@link IllegalArgumentException}
   * with the message) is reported at {@code key} and gives {@code fallback}.
   */
  <V, T> T check(String key, V value, Function<V, T> rule, T fallback) {
    try {
      return rule.apply(value);
    } catch (IllegalArgumentException e) {
      add(key, e.getMessage());
      return fallback;
    }
  }

  /** Like {@link #check}, {@code fallback} when not given. */
  <V, T> T optional(String key, V value, Function<V, T> rule, T fallback) {
    return value == null ? fallback : check(key, value, rule, fallback);
  }

  /** Like {@link #check}; not given is reported too. {@code null} when either. */
  <V, T> T required(String key, V value, Function<V, T> rule) {
    if (value == null) {
      add(key, ServiceProblem.REQUIRED);
      return null;
    }
    return check(key, value, rule, null);
  }

  /** A whole number from {@code min} to {@code max}; {@code fallback} when not given or out. */
  long range(String key, Long value, long min, long max, long fallback) {
    if (value == null) {
      return fallback;
    }
    if (value < min || value > max) {
      add(key, rangeText(min, max) + ": " + value);
      return fallback;
    }
    return value;
  }

  private static String rangeText(long min, long max) {
    return max == Long.MAX_VALUE || max == Integer.MAX_VALUE
        ? "must be at least " + min
        : "must be " + min + " to " + max;
  }
}
