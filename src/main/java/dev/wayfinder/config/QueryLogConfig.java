package dev.wayfinder.config;

/**
 * The {@code query_log:} section.
 *
 * @param mode which queries are logged (default {@link Mode#SAMPLED})
 * @param sampleRate fraction logged in sampled mode, 0 to 1 (default 0.1)
 * @param path where the JSON lines go: {@link #STDOUT} (the default) or a file, appended to
 */
public record QueryLogConfig(Mode mode, double sampleRate, String path) {
  /** The {@code path} that means standard output. */
  public static final String STDOUT = "-";

  /** A query log to standard output. */
  public QueryLogConfig(Mode mode, double sampleRate) {
    this(mode, sampleRate, STDOUT);
  }

  /** Which queries are logged. */
  public enum Mode {
    FULL,
    SAMPLED,
    ERRORS_ONLY,
    OFF
  }
}
