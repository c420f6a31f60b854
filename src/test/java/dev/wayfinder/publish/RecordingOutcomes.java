package dev.wayfinder.publish;

import java.util.ArrayList;
import java.util.List;

/** Collects what a target reports, in order, as {@code "updated ok"}, {@code "failing"}, ... */
final class RecordingOutcomes implements PublishOutcomes {
  private final List<String> reports = new ArrayList<>();

  @Override
  public synchronized void updated(String target, String result) {
    reports.add("updated " + result);
  }

  @Override
  public synchronized void failing(String target, String error) {
    reports.add("failing");
  }

  @Override
  public synchronized void recovered(String target) {
    reports.add("recovered");
  }

  synchronized List<String> reports() {
    return List.copyOf(reports);
  }

  synchronized long count(String report) {
    return reports.stream().filter(report::equals).count();
  }
}
