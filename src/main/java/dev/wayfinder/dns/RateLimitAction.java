package dev.wayfinder.dns;

import java.util.Locale;

/** What became of a UDP answer over a rate limit ({@code dns.rate_limit}). */
public enum RateLimitAction {
  /** Not sent. */
  DROP,
  /** Sent empty with TC set (header, question and OPT), so a real client asks again over TCP. */
  SLIP;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** {@code drop} or {@code slip}. */
  public String label() {
    return label;
  }
}
