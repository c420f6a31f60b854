package dev.wayfinder.config;

import java.util.HashMap;
import java.util.Map;

/**
 * The owner names services generate inside the zone, to catch two things claiming one name. A
 * service {@code S} owns {@code S}, {@code S-1..S-n} (its endpoints by position) and {@code H.S}
 * (its endpoints by hostname); so a service {@code web-1} collides with endpoint #1 of {@code web}.
 * {@code ns} is the zone's nameserver record and belongs to no service.
 */
final class OwnerNames {
  static final String NAMESERVER = "ns";

  private final Problems problems;
  private final String zone;

  /**
   * Who claimed a name, described only when a collision is reported (a 100,000-service config makes
   * half a million claims).
   *
   * @param service the service's name
   * @param endpoint the endpoint's 1-based position, or 0 for the service itself
   */
  record Claimant(String service, int endpoint) {
    @Override
    public String toString() {
      return endpoint == 0
          ? "service " + service
          : "endpoint #" + endpoint + " of service " + service;
    }
  }

  /** Each owner name and who claimed it first: a {@link Claimant}, or a text for {@code ns}. */
  private final Map<String, Object> owners = new HashMap<>();

  OwnerNames(Problems problems, String zone) {
    this.problems = problems;
    this.zone = zone;
    owners.put(NAMESERVER, "the zone's nameserver record " + NAMESERVER + "." + zone);
  }

  /**
   * Claims {@code owner} (relative to the zone) for {@code who}; reports a collision or a name too
   * long once the zone is appended (RFC 1035 section 2.3.4).
   *
   * @param at the section the claim comes from
   * @param key the key within it the problem is reported at, or {@code null} for the section
   */
  void claim(String owner, Claimant who, Section at, String key) {
    if (owner.length() + 1 + zone.length() > DnsNames.MAX_NAME) {
      report(at, key, "name " + owner + "." + zone + " is longer than " + DnsNames.MAX_NAME);
      return;
    }
    Object earlier = owners.putIfAbsent(owner, who);
    if (earlier != null) {
      report(at, key, "name " + owner + " of " + who + " collides with " + earlier);
    }
  }

  private void report(Section at, String key, String message) {
    if (key == null) {
      problems.add(at.line(), at.path(), message);
    } else {
      problems.add(at.lineOf(key), at.pathOf(key), message);
    }
  }
}
