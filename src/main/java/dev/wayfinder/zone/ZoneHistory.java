package dev.wayfinder.zone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Record;

/**
 * The last serial changes of a zone, for IXFR (RFC 1995): immutable; each change adds a step
 * holding the changed services' entries before and after. A step's records are worked out only when
 * an IXFR first asks for it, from those services alone: every record of the zone belongs to exactly
 * one service (config validation rejects names that collide), and the apex records do not change
 * within one zone manager, so the records of the changed services are the whole difference.
 *
 * <p>Bounded twice: at most {@link #STEPS} steps, and at most {@link #ENTRIES} service entries kept
 * over all steps; the oldest steps go first, and a step larger than that alone empties the history.
 * A serial no step starts from is not known, and the transfer is a full one.
 */
final class ZoneHistory {
  /** Steps kept (RFC 1995 leaves the number to the server). */
  static final int STEPS = 64;

  /** Service entries kept over all steps (before and after count both). */
  static final int ENTRIES = 100_000;

  private final ZoneRecords zone;
  private final List<Step> steps;

  ZoneHistory(ZoneRecords zone) {
    this(zone, List.of());
  }

  private ZoneHistory(ZoneRecords zone, List<Step> steps) {
    this.zone = zone;
    this.steps = steps;
  }

  /** One serial change: the changed services' entries before and after (null when absent). */
  private final class Step {
    final long from;
    final long to;
    final List<ServiceAnswers> before;
    final List<ServiceAnswers> after;
    private volatile ZoneDiff diff;

    Step(long from, long to, List<ServiceAnswers> before, List<ServiceAnswers> after) {
      this.from = from;
      this.to = to;
      this.before = before;
      this.after = after;
    }

    int entries() {
      return before.size() + after.size();
    }

    ZoneDiff diff() {
      ZoneDiff d = diff;
      if (d == null) {
        Map<String, Record> old = records(before);
        Map<String, Record> now = records(after);
        List<Record> deleted = new ArrayList<>();
        old.forEach((key, r) -> add(deleted, now, key, r));
        List<Record> added = new ArrayList<>();
        now.forEach((key, r) -> add(added, old, key, r));
        d = new ZoneDiff(from, to, deleted, added);
        diff = d;
      }
      return d;
    }

    private static void add(List<Record> out, Map<String, Record> other, String key, Record r) {
      if (!other.containsKey(key)) {
        out.add(r);
      }
    }

    /** Keyed by presentation form, TTL included, so a TTL change is a change. */
    private Map<String, Record> records(List<ServiceAnswers> entries) {
      Map<String, Record> out = new LinkedHashMap<>();
      for (ServiceAnswers sa : entries) {
        zone.serviceRecords(sa).forEach(r -> out.put(r.toString(), r));
      }
      return out;
    }
  }

  /**
   * This history with the change from {@code from} to {@code to} added: {@code changes} maps each
   * changed service to its new entry (null when removed); {@code content} is the content before.
   */
  ZoneHistory plus(long from, long to, ZoneContent content, Map<String, ServiceAnswers> changes) {
    List<ServiceAnswers> before = new ArrayList<>();
    List<ServiceAnswers> after = new ArrayList<>();
    for (Map.Entry<String, ServiceAnswers> c : changes.entrySet()) {
      ServiceAnswers old = content.service(c.getKey());
      if (old != null) {
        before.add(old);
      }
      if (c.getValue() != null) {
        after.add(c.getValue());
      }
    }
    Step step = new Step(from, to, List.copyOf(before), List.copyOf(after));
    if (step.entries() > ENTRIES) {
      return new ZoneHistory(zone, List.of());
    }
    List<Step> kept = new ArrayList<>(steps);
    kept.add(step);
    int entries = kept.stream().mapToInt(Step::entries).sum();
    while (kept.size() > STEPS || entries > ENTRIES) {
      entries -= kept.remove(0).entries();
    }
    return new ZoneHistory(zone, List.copyOf(kept));
  }

  /**
   * The changes from {@code from} to {@code to}, in order; null when the history does not hold
   * every step between them (too old, unknown, or not a serial this zone had).
   */
  List<ZoneDiff> between(long from, long to) {
    int start = -1;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).from == from) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return null;
    }
    List<ZoneDiff> out = new ArrayList<>();
    long at = from;
    for (int i = start; i < steps.size() && at != to; i++) {
      Step s = steps.get(i);
      if (s.from != at) {
        return null;
      }
      out.add(s.diff());
      at = s.to;
    }
    return at == to ? out : null;
  }

  /** Number of steps kept, for tests. */
  int size() {
    return steps.size();
  }
}
