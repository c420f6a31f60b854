package dev.wayfinder.publish;

/**
 * What targets report, for metrics and events. Implementations are thread-safe and quick: targets
 * call them from their own threads.
 */
public interface PublishOutcomes {

  /** Discards every report. */
  PublishOutcomes NONE =
      new PublishOutcomes() {
        @Override
        public void updated(String target, String result) {}

        @Override
        public void failing(String target, String error) {}

        @Override
        public void recovered(String target) {}
      };

  /**
   * One update attempt ended: {@code result} is {@code "ok"} or a failure kind ({@code "refused"},
   * {@code "notauth"}, {@code "badsig"}, {@code "timeout"}, {@code "unreachable"}, {@code
   * "http_500"}, ...).
   */
  void updated(String target, String result);

  /** The target started failing (once, not per retry). */
  void failing(String target, String error);

  /** The target delivered again after failing. */
  void recovered(String target);
}
