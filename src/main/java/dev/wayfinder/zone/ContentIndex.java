package dev.wayfinder.zone;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Service;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a change of one service needs to know about the others, for the latest content {@link
 * ZoneManager} has applied: which services claim an endpoint address (its reverse name answers with
 * all of their instances) and how many services lie below a name (an empty non-terminal stays while
 * one does, RFC 8020). Mutable and confined to the thread that applies changes; kept in step with
 * each applied change by {@link #apply}.
 */
final class ContentIndex {
  /** Address → the name of the one service claiming it, or a {@code List<String>} of several. */
  private final Map<InetAddress, Object> claimants = new HashMap<>();

  /** A proper suffix of a dotted service name (relative) → how many services lie below it. */
  private final Map<String, Integer> below = new HashMap<>();

  private ContentIndex() {}

  /** The index of every service of {@code content}. */
  static ContentIndex of(ZoneContent content) {
    ContentIndex index = new ContentIndex();
    content.services().forEach(sa -> index.add(sa.service()));
    return index;
  }

  /** Moves the index from the services replaced or removed by {@code changes} to the new ones. */
  void apply(ZoneContent before, Map<String, ServiceAnswers> changes) {
    changes.forEach(
        (name, after) -> {
          ServiceAnswers old = before.service(name);
          if (old != null) {
            remove(old.service());
          }
          if (after != null) {
            add(after.service());
          }
        });
  }

  /** The services claiming {@code address}, each once, in no particular order. */
  List<String> claimants(InetAddress address) {
    Object claim = claimants.get(address);
    if (claim == null) {
      return List.of();
    }
    return claim instanceof String one ? List.of(one) : castList(claim);
  }

  /** True when some service's name ends in {@code .relative} (a relative name). */
  boolean hasServicesBelow(String relative) {
    return below.containsKey(relative);
  }

  /**
   * The names strictly between {@code service} and the apex, relative: {@code b.c} and {@code c}.
   */
  static List<String> ancestors(String service) {
    List<String> out = new ArrayList<>();
    for (int dot = service.indexOf('.'); dot >= 0; dot = service.indexOf('.', dot + 1)) {
      out.add(service.substring(dot + 1));
    }
    return out;
  }

  /** The distinct endpoint addresses of {@code s}. */
  static Set<InetAddress> addresses(Service s) {
    Set<InetAddress> out = new LinkedHashSet<>();
    for (Endpoint e : s.endpoints()) {
      out.add(e.address());
    }
    return out;
  }

  private void add(Service s) {
    for (String ancestor : ancestors(s.name())) {
      below.merge(ancestor, 1, Integer::sum);
    }
    for (InetAddress a : addresses(s)) {
      claimants.merge(a, s.name(), ContentIndex::join);
    }
  }

  private void remove(Service s) {
    for (String ancestor : ancestors(s.name())) {
      below.computeIfPresent(ancestor, (k, n) -> n == 1 ? null : n - 1);
    }
    for (InetAddress a : addresses(s)) {
      claimants.computeIfPresent(a, (k, claim) -> without(claim, s.name()));
    }
  }

  private static Object join(Object claim, Object name) {
    List<String> out =
        new ArrayList<>(claim instanceof String one ? List.of(one) : castList(claim));
    out.add((String) name);
    return out;
  }

  private static Object without(Object claim, String name) {
    if (claim instanceof String one) {
      return one.equals(name) ? null : one;
    }
    List<String> out = new ArrayList<>(castList(claim));
    out.remove(name);
    return out.size() == 1 ? out.get(0) : out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object claim) {
    return (List<String>) claim;
  }
}
