package dev.wayfinder.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Collects the {@link ConfigError}s of one load, so all of them are reported at once. A file of
 * 100,000 services can hold as many errors, so only the first {@value #LIMIT} by line are kept,
 * followed by one line that counts the rest.
 */
final class Problems {
  /** The most errors listed; more are counted in one closing line. */
  static final int LIMIT = 100;

  /** File order; errors on one line keep the order they were found in. */
  private static final Comparator<Numbered> FILE_ORDER =
      Comparator.comparingInt((Numbered n) -> n.error().line()).thenComparingLong(Numbered::seq);

  private record Numbered(ConfigError error, long seq) {}

  private final String file;

  /** The first {@link #LIMIT} errors, the last in file order on top. */
  private final PriorityQueue<Numbered> kept = new PriorityQueue<>(FILE_ORDER.reversed());

  private long seq;
  private long omitted;
  private int firstOmittedLine = Integer.MAX_VALUE;

  Problems(String file) {
    this.file = file;
  }

  /** An empty collection for the same file, for errors that may be dropped or merged later. */
  Problems sibling() {
    return new Problems(file);
  }

  void add(int line, String path, String message) {
    add(new ConfigError(file, line, path, message));
  }

  private void add(ConfigError error) {
    Numbered n = new Numbered(error, seq++);
    kept.add(n);
    if (kept.size() > LIMIT) {
      omit(kept.poll().error().line(), 1);
    }
  }

  private void omit(int line, long count) {
    omitted += count;
    firstOmittedLine = Math.min(firstOmittedLine, line);
  }

  /** Adds every error of {@code other} (collected on the side) after the ones here. */
  void addAll(Problems other) {
    for (ConfigError e : other.inFileOrder()) {
      add(e);
    }
    if (other.omitted > 0) {
      omit(other.firstOmittedLine, other.omitted);
    }
  }

  /** A mark for {@link #reportedBetween}: the number of errors added so far. */
  long mark() {
    return seq;
  }

  /** Whether an error at {@code path} was added from mark {@code from} up to mark {@code to}. */
  boolean reportedBetween(long from, long to, String path) {
    for (Numbered n : kept) {
      if (n.seq() >= from && n.seq() < to && n.error().path().equals(path)) {
        return true;
      }
    }
    return false;
  }

  /** Throws every error collected so far, in file order, when there is any. */
  void throwIfAny() throws ConfigException {
    if (kept.isEmpty()) {
      return;
    }
    List<ConfigError> errors = inFileOrder();
    if (omitted > 0) {
      errors.add(
          new ConfigError(
              file,
              firstOmittedLine,
              ConfigLoader.WHOLE_FILE,
              "... and " + omitted + " more errors (only the first " + LIMIT + " are listed)"));
    }
    throw new ConfigException(errors);
  }

  private List<ConfigError> inFileOrder() {
    List<Numbered> sorted = new ArrayList<>(kept);
    sorted.sort(FILE_ORDER);
    List<ConfigError> out = new ArrayList<>(sorted.size() + 1);
    for (Numbered n : sorted) {
      out.add(n.error());
    }
    return out;
  }
}
