package dev.wayfinder.config;

/**
 * The {@code query_log:} section.
 *
 * @param mode which queries are logged (default {@link Mode#SAMPLED})
 * @param sampleRate fraction logged in sampled mode, 0 to 1 (default 0.1)
 */
public record QueryLogConfig(Mode mode, double sampleRate) {

  /** Which queries are logged. */
  public enum Mode {
    FULL,
    SAMPLED,
    ERRORS_ONLY,
    OFF
  }
}
