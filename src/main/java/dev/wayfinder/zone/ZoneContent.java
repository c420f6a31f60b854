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

  private ZoneContent(List<ServiceAnswers> services) {
    this.services = services;
  }

  /** Evaluates health once for every service. */
  static ZoneContent of(Collection<Service> services, HealthView health) {
    List<ServiceAnswers> out = new ArrayList<>(services.size());
    for (Service s : services) {
      out.add(new ServiceAnswers(s, AnswerSet.of(s, health)));
    }
    return new ZoneContent(List.copyOf(out));
  }

  List<ServiceAnswers> services() {
    return services;
  }

  /** This content with the entries of {@code changed} replacing those of the same service name. */
  ZoneContent with(Collection<ServiceAnswers> changed) {
    Map<String, ServiceAnswers> byName = new HashMap<>();
    changed.forEach(sa -> byName.put(sa.service().name(), sa));
    List<ServiceAnswers> out = new ArrayList<>(services.size());
    for (ServiceAnswers sa : services) {
      out.add(byName.getOrDefault(sa.service().name(), sa));
    }
    return new ZoneContent(List.copyOf(out));
  }

  /** The entry of the named service, or {@code null}. */
  ServiceAnswers service(String name) {
    for (ServiceAnswers sa : services) {
      if (sa.service().name().equals(name)) {
        return sa;
      }
    }
    return null;
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
