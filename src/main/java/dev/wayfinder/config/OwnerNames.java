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
  private final Map<String, String> owners = new HashMap<>();

  OwnerNames(Problems problems, String zone) {
    this.problems = problems;
    this.zone = zone;
    owners.put(NAMESERVER, "the zone's nameserver record " + NAMESERVER + "." + zone);
  }

  /**
   * Claims {@code owner} (relative to the zone) for {@code what}; reports a collision or a name too
   * long once the zone is appended (RFC 1035 section 2.3.4).
   */
  void claim(String owner, String what, int line, String path) {
    if (owner.length() + 1 + zone.length() > DnsNames.MAX_NAME) {
      problems.add(
          line, path, "name " + owner + "." + zone + " is longer than " + DnsNames.MAX_NAME);
      return;
    }
    String earlier = owners.putIfAbsent(owner, what);
    if (earlier != null) {
      problems.add(line, path, "name " + owner + " of " + what + " collides with " + earlier);
    }
  }
}
