package dev.wayfinder.publish;

/**
 * Why one delivery failed: a {@link #kind()} for the metric's {@code result} label and a message
 * for the status and the log. Neither carries a secret.
 */
public final class PublishFailure extends Exception {
  private final String kind;

  /**
   * @param kind {@code "refused"}, {@code "notauth"}, {@code "badsig"}, {@code "timeout"}, {@code
   *     "unreachable"}, {@code "http_500"}, ...
   * @param message what went wrong, for people
   */
  public PublishFailure(String kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
