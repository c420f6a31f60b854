package dev.wayfinder.zone;

import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a snapshot is built from: every service with its answer set, in registry order (services
 * added since the content was last laid out whole come after the others, in the order they were
 * first added). Comparing two contents tells {@link ZoneManager} whether the serial must grow (RFC
 * 1996 / RFC 1982: a secondary only refreshes when it does).
 *
 * <p>Immutable. A version made by {@link #with} shares the list of the last whole layout and keeps
 * its own changes beside it, by name; once those pass a few hundred (a small part of a large list)
 * the next version is laid out whole again, so a change costs a copy of the changes, not of the
 * list.
 */
final class ZoneContent {
  /** The services of the last whole layout. */
  private final List<ServiceAnswers> base;

  /**
   * Service name → position in {@link #base} (open addressing over the names' hash codes: one int
   * per slot, no boxed entry per service); shared by every version {@link #with} makes from it.
   */
  private final int[] index;

  /**
   * Services changed since {@link #base}, by name, in the order first changed: the new entry, or
   * {@code null} for a removed one. Never written after construction.
   */
  private final Map<String, ServiceAnswers> changed;

  private final int size;

  /**
   * Names the services make apart from reverse names, and their endpoints (one reverse name each at
   * most): counted while health is asked, when each service is in cache anyway, so the table sizes
   * of a build need no pass of their own.
   */
  private final long forwardNames;

  private final long endpoints;

  private ZoneContent(
      List<ServiceAnswers> base,
      int[] index,
      Map<String, ServiceAnswers> changed,
      int size,
      long forwardNames,
      long endpoints) {
    this.base = base;
    this.index = index;
    this.changed = changed;
    this.size = size;
    this.forwardNames = forwardNames;
    this.endpoints = endpoints;
  }

  private ZoneContent(List<ServiceAnswers> services, long forwardNames, long endpoints) {
    this(services, indexOf(services), Map.of(), services.size(), forwardNames, endpoints);
  }

  private static int[] indexOf(List<ServiceAnswers> services) {
    int[] index = new int[Integer.highestOneBit(Math.max(4, services.size() * 2)) << 1];
    int mask = index.length - 1;
    for (int i = 0; i < services.size(); i++) {
      String name = services.get(i).service().name();
      int slot = mix(name.hashCode()) & mask;
      while (index[slot] != 0 && !name(services, index[slot] - 1).equals(name)) {
        slot = (slot + 1) & mask;
      }
      if (index[slot] == 0) {
        index[slot] = i + 1; // the first of a name wins, as in a scan
      }
    }
    return index;
  }

  /** The position in {@link #base} of the service named {@code name}, or -1. */
  private int basePosition(String name) {
    int mask = index.length - 1;
    for (int slot = mix(name.hashCode()) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
      if (name(base, index[slot] - 1).equals(name)) {
        return index[slot] - 1;
      }
    }
    return -1;
  }

  private static String name(List<ServiceAnswers> services, int position) {
    return services.get(position).service().name();
  }

  private static int mix(int h) {
    return h ^ (h >>> 16);
  }

  /** Evaluates health once for every service. */
  static ZoneContent of(Collection<Service> services, HealthView health) {
    List<ServiceAnswers> out = new ArrayList<>(services.size());
    long names = 0;
    long endpoints = 0;
    for (Service s : services) {
      out.add(new ServiceAnswers(s, AnswerSet.of(s, health)));
      names += SnapshotBuilder.forwardNames(s);
      endpoints += s.endpoints().size();
    }
    return new ZoneContent(PagedList.of(out), names, endpoints);
  }

  /** See {@link SnapshotBuilder#expectedNames}. */
  int expectedNames(boolean reverse) {
    return (int) Math.min(forwardNames + (reverse ? endpoints : 0) + 4, 1 << 28);
  }

  /** Number of services. */
  int size() {
    return size;
  }

  /** Every service, in order (a list made for the call when services changed since the layout). */
  List<ServiceAnswers> services() {
    if (changed.isEmpty()) {
      return base;
    }
    List<ServiceAnswers> out = new ArrayList<>(size);
    for (ServiceAnswers sa : base) {
      String name = sa.service().name();
      ServiceAnswers now = changed.containsKey(name) ? changed.get(name) : sa;
      if (now != null) {
        out.add(now);
      }
    }
    changed.forEach(
        (name, sa) -> {
          if (sa != null && basePosition(name) < 0) {
            out.add(sa);
          }
        });
    return out;
  }

  /**
   * This content with the entries of {@code changes} replacing those of the same service name (or
   * added after the others), and the names mapped to {@code null} removed. The services' order
   * otherwise stays as it is.
   */
  ZoneContent with(Map<String, ServiceAnswers> changes) {
    Map<String, ServiceAnswers> next = new LinkedHashMap<>(changed);
    int size = this.size;
    long names = forwardNames;
    long endpoints = this.endpoints;
    for (Map.Entry<String, ServiceAnswers> c : changes.entrySet()) {
      ServiceAnswers before = service(c.getKey());
      ServiceAnswers after = c.getValue();
      size += (after == null ? 0 : 1) - (before == null ? 0 : 1);
      names += forwardNames(after) - forwardNames(before);
      endpoints += endpoints(after) - endpoints(before);
      if (after == null && basePosition(c.getKey()) < 0) {
        next.remove(c.getKey()); // added and removed since the layout: as if never there
      } else {
        next.put(c.getKey(), after);
      }
    }
    ZoneContent out = new ZoneContent(base, index, next, size, names, endpoints);
    // Laid out whole again once the changes pass a few hundred: the map is copied per version, the
    // list once per layout, and this keeps both copies small per change.
    return next.size() > 256 + base.size() / 256
        ? new ZoneContent(PagedList.of(out.services()), names, endpoints)
        : out;
  }

  /** This content with the entries of {@code changed} (services in it) replacing theirs. */
  ZoneContent with(Collection<ServiceAnswers> changed) {
    Map<String, ServiceAnswers> changes = new LinkedHashMap<>();
    for (ServiceAnswers sa : changed) {
      if (service(sa.service().name()) != null) {
        changes.put(sa.service().name(), sa);
      }
    }
    return with(changes);
  }

  private static long forwardNames(ServiceAnswers sa) {
    return sa == null ? 0 : SnapshotBuilder.forwardNames(sa.service());
  }

  private static long endpoints(ServiceAnswers sa) {
    return sa == null ? 0 : sa.service().endpoints().size();
  }

  /** The entry of the named service, or {@code null}. */
  ServiceAnswers service(String name) {
    if (changed.containsKey(name)) {
      return changed.get(name);
    }
    int at = basePosition(name);
    return at < 0 ? null : base.get(at);
  }

  /**
   * Where the named service (one of this content's) stands in {@link #services}, as a number that
   * orders services the same way (not an index: removed services leave gaps).
   */
  long order(String name) {
    int at = basePosition(name);
    if (at >= 0) {
      return at;
    }
    long after = base.size();
    for (String added : changed.keySet()) {
      if (added.equals(name)) {
        return after;
      }
      after++;
    }
    return Long.MAX_VALUE;
  }

  /** True when both produce the same records, whatever the order of the services. */
  boolean sameRecordsAs(ZoneContent other) {
    if (other.size != size) {
      return false;
    }
    Set<Object> keys = new HashSet<>(size * 2);
    services().forEach(s -> keys.add(s.contentKey()));
    return other.services().stream().allMatch(s -> keys.contains(s.contentKey()));
  }
}
