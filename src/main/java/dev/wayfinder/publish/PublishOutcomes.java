package dev.wayfinder.publish;

/** What targets report for metrics and events. */
public interface PublishOutcomes {
  void updated(String target, String result);

  void failing(String target, String error);

  void recovered(String target);
}
