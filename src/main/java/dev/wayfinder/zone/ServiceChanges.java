package dev.wayfinder.zone;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Service;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a batch of per-service changes to a derived {@link SnapshotBuilder} so that it answers
 * exactly as a whole build of the new content: a service whose definition is the same (a verdict
 * change) has its answers replaced; any other change removes the old service's names and adds the
 * new one's, then settles the names several services share: the parents of dotted names (kept while
 * a service lies below them) and the reverse names of the changed addresses (answering with every
 * instance that still claims them, in the order a whole build claims them).
 */
final class ServiceChanges {
  private final SnapshotBuilder builder;
  private final ZoneContent before;
  private final ZoneContent after;
  private final ContentIndex index;
  private final boolean reverse;

  /** Relative names whose existence may have changed: old service names and their parents. */
  private final Set<String> parents = new LinkedHashSet<>();

  /** Addresses whose reverse names may have changed. */
  private final Set<InetAddress> addresses = new LinkedHashSet<>();

  /**
   * @param index the index of {@code after} (already moved by the changes)
   */
  ServiceChanges(
      SnapshotBuilder builder,
      ZoneContent before,
      ZoneContent after,
      ContentIndex index,
      boolean reverse) {
    this.builder = builder;
    this.before = before;
    this.after = after;
    this.index = index;
    this.reverse = reverse;
  }

  /** Applies {@code changes} (service name → new entry, or null when removed). */
  void apply(Map<String, ServiceAnswers> changes) {
    List<ServiceAnswers> added = new ArrayList<>();
    changes.forEach(
        (name, next) -> {
          ServiceAnswers old = before.service(name);
          if (old != null && next != null && old.service().equals(next.service())) {
            builder.replaceService(next);
            return;
          }
          if (old != null) {
            builder.removeService(old.service());
            parents.add(name);
            parents.addAll(ContentIndex.ancestors(name));
            addresses.addAll(ContentIndex.addresses(old.service()));
          }
          if (next != null) {
            added.add(next);
            addresses.addAll(ContentIndex.addresses(next.service()));
          }
        });
    added.forEach(builder::addService);
    for (String parent : parents) {
      builder.settle(parent, after.service(parent) != null || index.hasServicesBelow(parent));
    }
    if (reverse) {
      addresses.forEach(this::reverse);
    }
  }

  /** The reverse name of {@code address}, from the services claiming it now. */
  private void reverse(InetAddress address) {
    List<Service> claimants = new ArrayList<>();
    for (String name : index.claimants(address)) {
      claimants.add(after.service(name).service());
    }
    claimants.sort(Comparator.comparingLong(s -> after.order(s.name())));
    List<byte[]> targets = new ArrayList<>();
    long ttl = 0;
    for (Service s : claimants) {
      for (Endpoint e : s.endpoints()) {
        if (e.address().equals(address)) {
          byte[] target = builder.name(e.instanceName(s.name()));
          if (targets.isEmpty()) {
            ttl = s.ttl();
          }
          if (targets.stream().noneMatch(t -> Arrays.equals(t, target))) {
            targets.add(target);
          }
        }
      }
    }
    builder.reverse(address.getAddress(), targets, ttl);
  }
}
