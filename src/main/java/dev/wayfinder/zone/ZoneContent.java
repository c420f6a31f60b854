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

  /** Service name → position in {@link #services}; shared by the versions {@link #with} makes. */
  private final Map<String, Integer> index;

  private ZoneContent(List<ServiceAnswers> services, Map<String, Integer> index) {
    this.services = services;
    this.index = index;
  }

  private ZoneContent(List<ServiceAnswers> services) {
    this(services, indexOf(services));
  }

  private static Map<String, Integer> indexOf(List<ServiceAnswers> services) {
    Map<String, Integer> index = new HashMap<>(services.size() * 2);
    for (int i = services.size() - 1; i >= 0; i--) {
      index.put(services.get(i).service().name(), i); // the first of a name wins, as in a scan
    }
    return index;
  }

  /** Evaluates health once for every service. */
  static ZoneContent of(Collection<Service> services, HealthView health) {
    List<ServiceAnswers> out = new ArrayList<>(services.size());
    for (Service s : services) {
      out.add(new ServiceAnswers(s, AnswerSet.of(s, health)));
    }
    return new ZoneContent(PagedList.of(out));
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
      Integer at = index.get(sa.service().name());
      if (at != null) {
        replaced.put(at, sa);
      }
    }
    return new ZoneContent(PagedList.of(services).with(replaced), index);
  }

  /** The entry of the named service, or {@code null}. */
  ServiceAnswers service(String name) {
    Integer at = index.get(name);
    return at == null ? null : services.get(at);
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
