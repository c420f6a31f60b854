package dev.wayfinder.publish;

import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Service;
import dev.wayfinder.zone.AnswerSet;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The last published answer set of every service, and what changed since: the publisher's memory.
 * Not thread-safe; the publisher calls it on its one thread.
 *
 * <p>A service's set is {@link AnswerSet#of}'s endpoints as addresses sorted as text (RFC 5952 for
 * IPv6), so DNS and every target agree. A removed service's set is empty.
 */
final class AnswerSetTracker {
  private static final Comparator<InetAddress> AS_TEXT =
      Comparator.comparing(NetUtil::toAddressString);

  /** The zone's origin with a trailing dot: owner names are {@code S.} + this. */
  private final String origin;

  private final Map<String, List<InetAddress>> last = new HashMap<>();

  /**
   * @param zone the zone, lower case, without the trailing dot
   */
  AnswerSetTracker(String zone) {
    this.origin = zone + ".";
  }

  /** Remembers every service's set without reporting changes; the sets targets start from. */
  Map<String, List<InetAddress>> reset(Collection<Service> services, HealthView health) {
    last.clear();
    for (Service s : services) {
      last.put(s.name(), addresses(s, health));
    }
    return Map.copyOf(last);
  }

  /**
   * Recomputes the sets of {@code names} and returns one change per service whose set differs from
   * the last one, remembering the new sets.
   *
   * @param lookup the service of a name now, or {@code null} when it is gone
   */
  List<AnswerSetChange> recompute(
      Collection<String> names, Function<String, Service> lookup, HealthView health, Instant now) {
    List<AnswerSetChange> changes = new ArrayList<>();
    for (String name : names) {
      Service s = lookup.apply(name);
      List<InetAddress> after = s == null ? List.of() : addresses(s, health);
      List<InetAddress> before = s == null ? last.remove(name) : last.put(name, after);
      if (before == null) {
        before = List.of();
      }
      if (!before.equals(after)) {
        changes.add(new AnswerSetChange(now, name, name + "." + origin, before, after));
      }
    }
    return changes;
  }

  /** The service's answer set as sorted addresses. */
  static List<InetAddress> addresses(Service s, HealthView health) {
    List<Endpoint> chosen = AnswerSet.of(s, health);
    List<InetAddress> out = new ArrayList<>(chosen.size());
    for (Endpoint e : chosen) {
      out.add(e.address());
    }
    out.sort(AS_TEXT);
    return List.copyOf(out);
  }

  /** An address as the published text: dotted quad, or RFC 5952 for IPv6. */
  static String text(InetAddress address) {
    return NetUtil.toAddressString(address);
  }
}
