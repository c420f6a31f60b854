package dev.wayfinder.health;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed {@code expect_status}: HTTP statuses and ranges such as {@code 200-399} or {@code
 * 200,204} (RFC 9110 section 15; the config loader has checked the syntax).
 */
record ExpectedStatus(List<Range> ranges) {

  /** An inclusive range of statuses; a single status has {@code low == high}. */
  record Range(int low, int high) {}

  ExpectedStatus {
    ranges = List.copyOf(ranges);
  }

  static ExpectedStatus parse(String text) {
    List<Range> ranges = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      int dash = p.indexOf('-');
      int low = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
      int high = dash < 0 ? low : Integer.parseInt(p.substring(dash + 1));
      ranges.add(new Range(low, high));
    }
    return new ExpectedStatus(ranges);
  }

  boolean accepts(int status) {
    return ranges.stream().anyMatch(r -> status >= r.low() && status <= r.high());
  }
}
