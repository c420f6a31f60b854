package dev.wayfinder.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prometheus text parsed into series and values: {@code name{a="x",b="y"}} as the scrape writes it
 * (labels sorted by name) to its number; comment lines skipped.
 */
record ScrapedMetrics(Map<String, Double> series) {
  static ScrapedMetrics parse(String text) {
    Map<String, Double> series = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return new ScrapedMetrics(series);
  }

  /** The value of one series, 0 when it is absent (a counter never incremented). */
  double value(String seriesName) {
    return series.getOrDefault(seriesName, 0.0);
  }

  /** Whether a series whose text starts with {@code prefix} exists. */
  boolean has(String prefix) {
    return series.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }
}
