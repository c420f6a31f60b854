package dev.wayfinder.zone;

import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a snapshot is built from: every service with its answer set, in registry order. Comparing
 * two contents tells {@link ZoneManager} whether the serial must grow (RFC 1996 / RFC 1982: a
 * secondary only refreshes when it does).
 */
final class ZoneContent {
  private final List<ServiceAnswers> services;

  /**
   * Service name → position in {@link #services} (open addressing over the names' hash codes: one
   * int per slot, no boxed entry per service); shared by the versions {@link #with} makes, which
   * keep every name at its position.
   */
  private final int[] index;

  /**
   * Names the services make apart from reverse names, and their endpoints (one reverse name each at
   * most): counted while health is asked, when each service is in cache anyway, so the table sizes
   * of a build need no pass of their own. A verdict change keeps both.
   */
  private final long forwardNames;

  private final long endpoints;

  private ZoneContent(
      List<ServiceAnswers> services, int[] index, long forwardNames, long endpoints) {
    this.services = services;
    this.index = index;
    this.forwardNames = forwardNames;
    this.endpoints = endpoints;
  }

  private ZoneContent(List<ServiceAnswers> services, long forwardNames, long endpoints) {
    this(services, indexOf(services), forwardNames, endpoints);
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

  /** The position of the service named {@code name}, or -1. */
  private int positionOf(String name) {
    int mask = index.length - 1;
    for (int slot = mix(name.hashCode()) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
      if (name(services, index[slot] - 1).equals(name)) {
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

  List<ServiceAnswers> services() {
    return services;
  }

  /**
   * This content with the entries of {@code changed} replacing those of the same service name: the
   * list shares every page it does not change with this one (a verdict change copies a few
   * kilobytes, not a reference per service).
   */
  ZoneContent with(Collection<ServiceAnswers> changed) {
    Map<Integer, ServiceAnswers> replaced = new HashMap<>();
    for (ServiceAnswers sa : changed) {
      // Service names are unique in a registry, so one position per name.
      int at = positionOf(sa.service().name());
      if (at >= 0) {
        replaced.put(at, sa);
      }
    }
    return new ZoneContent(PagedList.of(services).with(replaced), index, forwardNames, endpoints);
  }

  /** The entry of the named service, or {@code null}. */
  ServiceAnswers service(String name) {
    int at = positionOf(name);
    return at < 0 ? null : services.get(at);
  }

  /** True when both produce the same records, whatever the order of the services. */
  boolean sameRecordsAs(ZoneContent other) {
    if (other.services.size() != services.size()) {
      return false;
    }
    Set<Object> keys = new HashSet<>(services.size() * 2);
    services.forEach(s -> keys.add(s.contentKey()));
    return other.services.stream().allMatch(s -> keys.contains(s.contentKey()));
  }
}
