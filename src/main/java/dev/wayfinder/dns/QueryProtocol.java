package dev.wayfinder.dns;

import java.util.Locale;

/** The transport a query came in on; it decides the size limit and the framing of replies. */
public enum QueryProtocol {
  UDP,
  TCP;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The lower-case name metrics and the query log use: {@code udp}, {@code tcp}. */
  public String label() {
    return label;
  }
}
