package dev.wayfinder.health;

import java.util.Locale;

/** How one probe ended; the {@code result} label of the probe metrics. */
public enum ProbeOutcome {
  /** The endpoint answered as expected. */
  PASS,
  /** The endpoint answered, or refused, but not as expected (HTTP 503, REFUSED, exit 1...). */
  FAIL,
  /** No answer within the probe's {@code timeout}. */
  TIMEOUT;

  /** True for {@link #PASS} only. */
  public boolean ok() {
    return this == PASS;
  }

  /** The lower-case word used in metric labels and JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
