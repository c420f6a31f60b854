package dev.wayfinder.pdns;

import dev.wayfinder.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The records of one zone snapshot by owner name (lower case, with the trailing dot), in the order
 * of a zone transfer ({@link ZoneSnapshot#transfer()}): what PowerDNS is answered from. Built once
 * per snapshot, on the first call that sees it.
 */
final class ZoneIndex {
  private final ZoneSnapshot snapshot;
  private final List<Record> all;
  private final Map<String, List<Record>> byName;
  private final Set<String> emptyNonTerminals;

  private ZoneIndex(ZoneSnapshot snapshot) {
    this.snapshot = snapshot;
    List<Record> transfer = snapshot.transfer();
    // A transfer ends with the SOA again (RFC 5936 2.2); a listing has it once.
    this.all = List.copyOf(transfer.subList(0, transfer.size() - 1));
    Map<String, List<Record>> names = new LinkedHashMap<>();
    for (Record r : all) {
      names.computeIfAbsent(key(r.getName().toString()), k -> new ArrayList<>()).add(r);
    }
    this.byName = names;
    Set<String> between = new HashSet<>();
    Name origin = snapshot.origin();
    for (Record r : all) {
      for (Name n = parent(r.getName()); n != null && n.subdomain(origin) && !n.equals(origin); ) {
        String k = key(n.toString());
        if (!names.containsKey(k)) {
          between.add(k);
        }
        n = parent(n);
      }
    }
    this.emptyNonTerminals = Set.copyOf(between);
  }

  private static Name parent(Name n) {
    return n.labels() <= 1 ? null : new Name(n, 1);
  }

  /**
   * Whether {@code name} has no records but names below it do ({@code _tcp.S.Z}): an empty
   * non-terminal, which exists (NODATA, not NXDOMAIN; RFC 8020).
   */
  boolean emptyNonTerminal(String name) {
    return emptyNonTerminals.contains(key(name));
  }

  static ZoneIndex of(ZoneSnapshot snapshot) {
    return new ZoneIndex(snapshot);
  }

  ZoneSnapshot snapshot() {
    return snapshot;
  }

  /** Every record of the zone, SOA first. */
  List<Record> all() {
    return all;
  }

  /** The records at {@code name} (any case, trailing dot optional); empty when there are none. */
  List<Record> at(String name) {
    return byName.getOrDefault(key(name), List.of());
  }

  static String key(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }
}
