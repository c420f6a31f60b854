package dev.wayfinder.diagnostics;

import java.util.List;

/**
 * The body of {@code GET /diagnostics}: {@code {"targets": [...]}}, one report per configured
 * target in config order.
 */
public record DiagnosticsReport(List<TargetReport> targets) {
  public DiagnosticsReport {
    targets = List.copyOf(targets);
  }
}
