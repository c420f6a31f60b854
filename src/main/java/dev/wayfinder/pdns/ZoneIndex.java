package dev.wayfinder.pdns;

import dev.wayfinder.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
