package dev.wayfinder.zone;

import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
 * the services changed since beside it, by name, in {@link #SHARDS} maps of which it copies only
 * those it writes: a change costs a small copy, not one of the list. A whole build lays the content
 * out again ({@link #laidOut}).
 */
final class ZoneContent {
  /** Maps the changed services are spread over, by name hash ({@link #shardOf}). */
  private static final int SHARDS = 64;

  private static final int SHARD_BITS = Integer.numberOfTrailingZeros(SHARDS);

  /** A changed service: its entry (null when removed), and when it was first changed. */
  private record Changed(ServiceAnswers entry, long sequence) {}

  private static final Map<String, Changed> NONE = Map.of();

  /** The services of the last whole layout. */
  private final List<ServiceAnswers> base;

  /**
   * Service name → position in {@link #base} (open addressing over the names' hash codes: one int
   * per slot, no boxed entry per service); shared by every version {@link #with} makes from it.
   */
  private final int[] index;

  /** Services changed since {@link #base}, by name, sharded; never written after construction. */
  private final Map<String, Changed>[] changed;

  private final int changedCount;

  /** The sequence number the next service first changed gets. */
  private final long nextSequence;

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
      Map<String, Changed>[] changed,
      int changedCount,
      long nextSequence,
      int size,
      long forwardNames,
      long endpoints) {
    this.base = base;
    this.index = index;
    this.changed = changed;
    this.changedCount = changedCount;
    this.nextSequence = nextSequence;
    this.size = size;
    this.forwardNames = forwardNames;
    this.endpoints = endpoints;
  }

  @SuppressWarnings("unchecked")
  private ZoneContent(List<ServiceAnswers> services, long forwardNames, long endpoints) {
    this(
        services,
        indexOf(services),
        (Map<String, Changed>[]) new Map<?, ?>[SHARDS],
        0,
        0,
        services.size(),
        forwardNames,
        endpoints);
    java.util.Arrays.fill(changed, NONE);
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

  /**
   * The shard of a name: the top bits of its hash times the golden ratio. A shard's map indexes by
   * the low bits of the same hash, which must not be the ones picking the shard: all of a shard's
   * keys would then share a few buckets and its bins turn into trees.
   */
  private static int shardOf(String name) {
    return (name.hashCode() * 0x9E3779B9) >>> (32 - SHARD_BITS);
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

  /** Services changed since the last whole layout (the waste a whole build drops). */
  int changedCount() {
    return changedCount;
  }

  /** This content laid out whole: the same services, in the same order, with nothing beside. */
  ZoneContent laidOut() {
    return changedCount == 0
        ? this
        : new ZoneContent(PagedList.of(services()), forwardNames, endpoints);
  }

  private Map<String, Changed> shard(String name) {
    return changed[shardOf(name)];
  }

  /** Every service, in order (a list made for the call when services changed since the layout). */
  List<ServiceAnswers> services() {
    if (changedCount == 0) {
      return base;
    }
    List<ServiceAnswers> out = new ArrayList<>(size);
    for (ServiceAnswers sa : base) {
      Changed c = shard(sa.service().name()).get(sa.service().name());
      ServiceAnswers now = c == null ? sa : c.entry();
      if (now != null) {
        out.add(now);
      }
    }
    List<Changed> added = new ArrayList<>();
    for (Map<String, Changed> shard : changed) {
      shard.forEach(
          (name, c) -> {
            if (c.entry() != null && basePosition(name) < 0) {
              added.add(c);
            }
          });
    }
    added.sort(Comparator.comparingLong(Changed::sequence));
    added.forEach(c -> out.add(c.entry()));
    return out;
  }

  /**
   * This content with the entries of {@code changes} replacing those of the same service name (or
   * added after the others), and the names mapped to {@code null} removed. The services' order
   * otherwise stays as it is.
   */
  ZoneContent with(Map<String, ServiceAnswers> changes) {
    Map<String, Changed>[] next = changed.clone();
    int count = changedCount;
    long sequence = nextSequence;
    int size = this.size;
    long names = forwardNames;
    long endpoints = this.endpoints;
    for (Map.Entry<String, ServiceAnswers> c : changes.entrySet()) {
      String name = c.getKey();
      ServiceAnswers before = service(name);
      ServiceAnswers after = c.getValue();
      size += (after == null ? 0 : 1) - (before == null ? 0 : 1);
      names += forwardNames(after) - forwardNames(before);
      endpoints += endpoints(after) - endpoints(before);
      int s = shardOf(name);
      if (next[s] == changed[s]) {
        next[s] = new HashMap<>(next[s]);
      }
      Changed old = next[s].get(name);
      if (after == null && basePosition(name) < 0) {
        count -= old == null ? 0 : 1;
        next[s].remove(name); // added and removed since the layout: as if never there
      } else {
        count += old == null ? 1 : 0;
        next[s].put(name, new Changed(after, old != null ? old.sequence() : sequence++));
      }
    }
    return new ZoneContent(base, index, next, count, sequence, size, names, endpoints);
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
    Changed c = shard(name).get(name);
    if (c != null) {
      return c.entry();
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
    Changed c = shard(name).get(name);
    return c == null ? Long.MAX_VALUE : base.size() + c.sequence();
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
