package dev.wayfinder.zone;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Fills a {@link NodeStore} (names, one node word per name, answer rows, tails) with every name and
 * its precomputed answers, writing wire format straight from the services: each name is built once
 * per service, addresses come from the endpoints' bytes, and no dnsjava record is made except at
 * the apex. One use: {@link #build} a whole snapshot, or {@link #derive} one from an older version,
 * replace the apex and some services' answers or names ({@link ServiceChanges} says which), then
 * {@link #finish}.
 *
 * <p>The first answer of a type at a name wins (two services can only claim one name by a naming
 * clash, which config validation reports).
 */
final class SnapshotBuilder {
  private final ZoneRecords zone;
  private final long serial;
  private final byte[] origin;
  private final NodeStore store;
  private final TailWriter tails = new TailWriter();

  /** The reverse names of a full build with {@code reverse} on, else {@code null}. */
  private final ReverseNames reverseNames;

  /** Adds each service's names and answers. */
  private final ServiceWriter services;

  /**
   * A whole snapshot.
   *
   * @param serial the SOA serial of the apex
   * @param reverse also build the reverse (PTR) names
   * @param expectedNames about how many names there will be (sizes the tables)
   */
  SnapshotBuilder(ZoneRecords zone, long serial, boolean reverse, int expectedNames) {
    this.zone = zone;
    this.serial = serial;
    this.origin = zone.origin().toWireCanonical();
    this.store = new NodeStore(expectedNames, origin, WireNames.IN_ADDR_ARPA, WireNames.IP6_ARPA);
    this.reverseNames = reverse ? new ReverseNames(store, expectedNames) : null;
    this.services = new ServiceWriter(zone, origin, store, tails, reverseNames);
  }

  private SnapshotBuilder(ZoneRecords zone, long serial, NodeStore.Built base) {
    this.zone = zone;
    this.serial = serial;
    this.origin = zone.origin().toWireCanonical();
    this.store = new NodeStore(base);
    this.reverseNames = null;
    this.services = new ServiceWriter(zone, origin, store, tails, null);
  }

  /**
   * A builder over {@code base}'s names, sharing every page it does not write: what a verdict or
   * registry change uses.
   */
  static SnapshotBuilder derive(ZoneRecords zone, long serial, NodeStore.Built base) {
    return new SnapshotBuilder(zone, serial, base);
  }

  /**
   * At least as many names as a build of {@code content} makes, and exactly as many when no two
   * services or endpoints share one: the tables are sized once from it, and the name table is not
   * rehashed at the end unless shared names take it below a power of two. Per service: {@code S}
   * and its parents, per endpoint {@code S-N}, {@code H.S} and the reverse name, per port {@code
   * _P._T.S} and {@code _T.S}; plus the apex, {@code ns} and its parents.
   */
  static int expectedNames(ZoneContent content, boolean reverse) {
    return content.expectedNames(reverse);
  }

  /** The names of {@code s} but its reverse ones, as {@link #expectedNames} counts them. */
  static long forwardNames(Service s) {
    long names = 1 + dots(s.name()) + 2L * s.ports().size();
    for (Endpoint e : s.endpoints()) {
      names += e.hostname() != null ? 2 : 1;
    }
    return names;
  }

  private static int dots(String name) {
    int dots = 0;
    for (int i = 0; i < name.length(); i++) {
      dots += name.charAt(i) == '.' ? 1 : 0;
    }
    return dots;
  }

  NodeStore.Built build(ZoneContent content) {
    store.askedEntry(origin);
    addApex();
    addNsAddresses(zone.nsHost().toWireCanonical(), zone.nsAddresses());
    content.services().forEach(services::add);
    if (reverseNames != null) {
      reverseNames.addMoreTargets(tails);
    }
    return finish();
  }

  NodeStore.Built finish() {
    return store.finish();
  }

  /** The apex answered again (its SOA carries this builder's serial), in a derived builder. */
  void replaceApex() {
    store.clear(store.existing(origin));
    addApex();
  }

  /**
   * The health-dependent answers (A, AAAA, SRV) of the names {@code sa}'s service owns ({@code S},
   * {@code S-N}, {@code H.S}, {@code _P._T.S}) built again, in a derived builder: exactly those of
   * a full build, because no other service contributes records to them. Parents and reverse names
   * do not depend on health and are kept.
   */
  void replaceService(ServiceAnswers sa) {
    Service s = sa.service();
    store.keepOnlyStatic(store.existing(services.name(s.name())));
    for (Endpoint e : s.endpoints()) {
      store.keepOnlyStatic(store.existing(services.name(s.name() + "-" + e.ordinal())));
      store.keepOnlyStatic(store.existing(services.name(e.instanceName(s.name()))));
    }
    for (Port p : s.ports()) {
      store.keepOnlyStatic(store.existing(services.name(ServiceWriter.srvName(s, p))));
    }
    services.add(sa);
  }

  /**
   * Adds the names and answers of {@code sa}'s service, in a derived builder (no reverse names).
   */
  void addService(ServiceAnswers sa) {
    services.add(sa);
  }

  /**
   * Removes the names only {@code s} makes ({@code S}, {@code S-N}, {@code H.S}, {@code _P._T.S},
   * {@code _T.S}), in a derived builder; {@link #settle} decides afterwards whether {@code S} stays
   * as another service's parent, and adding a service brings its names back.
   */
  void removeService(Service s) {
    List<String> names = new ArrayList<>();
    names.add(s.name());
    for (Endpoint e : s.endpoints()) {
      names.add(s.name() + "-" + e.ordinal());
      names.add(e.instanceName(s.name()));
    }
    for (Port p : s.ports()) {
      names.add(ServiceWriter.srvName(s, p));
      names.add("_" + p.protocol() + "." + s.name());
    }
    for (String relative : names) {
      int entry = store.live(services.name(relative));
      if (entry >= 0) {
        store.remove(entry);
      }
    }
  }

  /**
   * Zone name {@code relative} exists (with no records of its own when it is new or was removed)
   * when {@code needed}, and is removed otherwise unless it holds records: a parent another service
   * still needs stays an empty non-terminal (RFC 8020).
   */
  void settle(String relative, boolean needed) {
    byte[] name = services.name(relative);
    if (needed) {
      zoneEntry(name);
      return;
    }
    int entry = store.live(name);
    if (entry >= 0 && store.empty(entry)) {
      store.remove(entry);
    }
  }

  /**
   * The reverse name of {@code address} answers PTR to {@code targets} (instance names, wire
   * format, in the order a whole build claims them) with {@code ttl}, or is removed when there are
   * none.
   */
  void reverse(byte[] address, List<byte[]> targets, long ttl) {
    byte[] owner = WireNames.reverse(address, null);
    if (targets.isEmpty()) {
      int entry = store.live(owner);
      if (entry >= 0) {
        store.remove(entry);
      }
      return;
    }
    int entry = store.entry(owner, false);
    store.drop(entry, Type.PTR);
    ReverseNames.writePtr(store, tails, entry, owner, targets, ttl);
  }

  /** {@code relative} under the zone, wire format, lower case. */
  byte[] name(String relative) {
    return services.name(relative);
  }

  private void addApex() {
    Record soa = zone.soa(serial);
    putRecords(origin, Type.SOA, List.of(soa), List.of());
    putRecords(origin, Type.NS, List.of(zone.ns()), zone.nsAddresses());
  }

  /** {@code ns.Z} A/AAAA (dnsjava records of the listen addresses), equal weights. */
  private void addNsAddresses(byte[] owner, List<Record> records) {
    int entry = zoneEntry(owner);
    for (int type : new int[] {Type.A, Type.AAAA}) {
      List<Record> rrset = records.stream().filter(r -> r.getType() == type).toList();
      if (!rrset.isEmpty() && !has(entry, type)) {
        List<List<Record>> orders =
            Rotations.of(rrset, x -> 1, 0, () -> WireNames.dnsjavaHash(owner));
        encode(owner, orders, List.of());
        addRow(entry, type, rrset.size(), 0);
      }
    }
  }

  /** One answer of dnsjava records with {@code additional} after each order (the apex's). */
  private void putRecords(byte[] owner, int type, List<Record> records, List<Record> additional) {
    int entry = zoneEntry(owner);
    if (!has(entry, type)) {
      encode(owner, List.of(records), additional);
      addRow(entry, type, records.size(), additional.size());
    }
  }

  private void encode(byte[] owner, List<List<Record>> orders, List<Record> additional) {
    tails.begin(owner);
    for (List<Record> order : orders) {
      tails.variant();
      order.forEach(tails::record);
      additional.forEach(tails::record);
    }
  }

  /** Stores the answer {@link #tails} holds as the newest of {@code entry}. */
  private void addRow(int entry, int type, int ancount, int arcount) {
    store.addRow(entry, type, ancount, arcount, tails);
  }

  private boolean has(int entry, int type) {
    return store.has(entry, type);
  }

  /** The entry of a zone name, added (existing, with no records) when new. */
  private int zoneEntry(byte[] name) {
    return entry(name, true);
  }

  private int entry(byte[] name, boolean inZone) {
    return store.entry(name, inZone);
  }
}
