package dev.wayfinder.dns;

import java.util.Locale;

/** Where a reply's answer came from, as metrics and the query log report it. */
public enum AnswerSource {
  /** The zone: precomputed answers, the slow path, transfers, and REFUSED for a class not IN. */
  ZONE,
  /** A fresh answer from the forwarder's cache, written at once. */
  CACHE,
  /** Through the forwarder's upstream path: an upstream query, a shared one, stale or SERVFAIL. */
  FORWARD,
  /** Not ours and not forwarded: no upstreams, or the client is outside forwarding's allow_from. */
  REFUSED,
  /** Over {@code dns.rate_limit}: the empty reply with TC set that slips out. */
  LIMITED,
  /** Rejected before any answer: malformed or unsupported (FORMERR, NOTIMP, BADVERS), or failed. */
  ERROR;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The lower-case name: {@code zone}, {@code cache}, {@code forward}, ... */
  public String label() {
    return label;
  }
}
