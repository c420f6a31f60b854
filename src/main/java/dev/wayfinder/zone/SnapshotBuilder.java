package dev.wayfinder.zone;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Fills a {@link NodeStore} (names, one node word per name, answer rows, tails) with every name and
 * its precomputed answers, writing wire format straight from the services: each name is built once
 * per service, addresses come from the endpoints' bytes, and no dnsjava record is made except at
 * the apex. One use: {@link #build} a whole snapshot, or {@link #derive} one from an older version
 * and replace the apex and some services' answers, then {@link #finish}.
 *
 * <p>The first answer of a type at a name wins (two services can only claim one name by a naming
 * clash, which config validation reports).
 */
final class SnapshotBuilder {
  private final ZoneRecords zone;
  private final long serial;
  private final boolean reverse;
  private final byte[] origin;
  private final NodeStore store;
  private final TailWriter tails = new TailWriter();
  private final ReverseNames reverseNames;

  /** Scratch lists of one name's IPv4 and IPv6 addresses (consumed before the next name). */
  private final List<Ep> v4 = new ArrayList<>();

  private final List<Ep> v6 = new ArrayList<>();

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
    this.reverse = reverse;
    this.origin = zone.origin().toWireCanonical();
    this.store = new NodeStore(expectedNames, origin, WireNames.IN_ADDR_ARPA, WireNames.IP6_ARPA);
    this.reverseNames = new ReverseNames(store);
  }

  private SnapshotBuilder(ZoneRecords zone, long serial, NodeStore.Built base) {
    this.zone = zone;
    this.serial = serial;
    this.reverse = false;
    this.origin = zone.origin().toWireCanonical();
    this.store = new NodeStore(base);
    this.reverseNames = null;
  }

  /**
   * A builder over {@code base}'s names (which it cannot add to), sharing every page it does not
   * write: what a verdict change uses.
   */
  static SnapshotBuilder derive(ZoneRecords zone, long serial, NodeStore.Built base) {
    return new SnapshotBuilder(zone, serial, base);
  }

  /** An estimate of a zone's names, to size tables. */
  static int expectedNames(ZoneContent content, boolean reverse) {
    long names = 4;
    for (ServiceAnswers sa : content.services()) {
      Service s = sa.service();
      names += 2 + (reverse ? 3L : 2L) * s.endpoints().size() + 2L * s.ports().size();
    }
    return (int) Math.min(names, 1 << 28);
  }

  NodeStore.Built build(ZoneContent content) {
    addApex();
    addNsAddresses(zone.nsHost().toWireCanonical(), zone.nsAddresses());
    content.services().forEach(this::addService);
    reverseNames.addAll(tails);
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
    store.keepOnlyStatic(store.existing(name(s.name())));
    for (Endpoint e : s.endpoints()) {
      store.keepOnlyStatic(store.existing(name(s.name() + "-" + e.ordinal())));
      store.keepOnlyStatic(store.existing(name(e.instanceName(s.name()))));
    }
    for (Port p : s.ports()) {
      store.keepOnlyStatic(store.existing(name(srvName(s, p))));
    }
    addService(sa);
  }

  private void addApex() {
    Record soa = zone.soa(serial);
    putRecords(origin, Type.SOA, List.of(soa), List.of());
    putRecords(origin, Type.NS, List.of(zone.ns()), zone.nsAddresses());
  }

  private void addService(ServiceAnswers sa) {
    Service s = sa.service();
    long ttl = s.ttl();
    byte[] name = name(s.name());
    int lastLabel = WireNames.lastLabelBefore(name, origin.length);
    Ep[] eps = endpoints(sa);
    List<Ep> answered = new ArrayList<>(eps.length);
    for (Ep ep : eps) {
      if (ep.answered()) {
        answered.add(ep);
      }
    }
    addParents(name);
    addAddresses(name, ttl, answered, s.maxAnswers());
    Instance[] instances = new Instance[eps.length];
    Map<String, Instance> hosts = null;
    for (int i = 0; i < eps.length; i++) {
      Endpoint e = eps[i].endpoint();
      byte[] ordinal = ordinalName(s, e, name, lastLabel);
      int ordinalEntry =
          addAddresses(ordinal, ttl, eps[i].answered() ? List.of(eps[i]) : List.of(), 0);
      if (e.hostname() == null) {
        instances[i] = new Instance(ordinal, ordinalEntry);
      } else {
        hosts = hosts != null ? hosts : new HashMap<>();
        instances[i] =
            hosts.computeIfAbsent(
                e.hostname().toLowerCase(java.util.Locale.ROOT),
                h -> new Instance(hostName(s, e, name), -1));
      }
      if (eps[i].answered()) {
        instances[i].answered().add(eps[i]);
      }
    }
    for (Instance in : instances) {
      if (in.entry < 0) {
        in.entry = addAddresses(in.name(), ttl, in.answered(), 0);
      }
    }
    for (Port p : s.ports()) {
      addSrv(s, p, name, eps, instances);
    }
    if (reverse) {
      for (int i = 0; i < eps.length; i++) {
        reverseNames.claim(eps[i].address(), instances[i].entry, ttl);
      }
    }
  }

  /**
   * The service's endpoints with their address bytes, and whether each is in the answer set (a
   * subsequence of the endpoints, in config order).
   */
  private static Ep[] endpoints(ServiceAnswers sa) {
    List<Endpoint> endpoints = sa.service().endpoints();
    List<Endpoint> answerSet = sa.answerSet();
    Ep[] out = new Ep[endpoints.size()];
    int next = 0;
    for (int i = 0; i < out.length; i++) {
      Endpoint e = endpoints.get(i);
      boolean answered = next < answerSet.size() && answerSet.get(next).equals(e);
      if (answered) {
        next++;
      }
      out[i] = new Ep(e, e.address().getAddress(), answered);
    }
    if (next < answerSet.size()) {
      // Not a subsequence in config order after all: ask the set itself.
      for (int i = 0; i < out.length; i++) {
        out[i] = new Ep(out[i].endpoint(), out[i].address(), answerSet.contains(out[i].endpoint()));
      }
    }
    return out;
  }

  /** {@code S-N.Z}: the last label of {@code S} extended by {@code -N}. */
  private byte[] ordinalName(Service s, Endpoint e, byte[] name, int lastLabel) {
    byte[] fast = WireNames.extendLabel(name, lastLabel, "-" + e.ordinal());
    return fast != null ? fast : name(s.name() + "-" + e.ordinal());
  }

  /** {@code H.S.Z}. */
  private byte[] hostName(Service s, Endpoint e, byte[] name) {
    byte[] fast = WireNames.prepend(name, e.hostname());
    return fast != null ? fast : name(e.instanceName(s.name()));
  }

  /** {@code _P._T.S.Z} (RFC 2782). */
  private byte[] srvName(Service s, Port p, byte[] name) {
    byte[] fast = WireNames.prepend(name, "_" + p.name(), "_" + p.protocol());
    return fast != null ? fast : name(srvName(s, p));
  }

  /**
   * {@code _P._T.S.Z} SRV, one record per distinct instance of the answer set: each window of the
   * records, with the A/AAAA of exactly the targets in that window as additional data (RFC 2782
   * "Usage rules"). SRV order means nothing to clients (they sort by priority and pick by weight),
   * so only a {@code max_answers} window needs rotations.
   */
  private void addSrv(Service s, Port p, byte[] serviceName, Ep[] eps, Instance[] instances) {
    byte[] owner = srvName(s, p, serviceName);
    addParents(owner);
    List<Srv> records = new ArrayList<>(eps.length);
    for (int i = 0; i < eps.length; i++) {
      Instance in = instances[i];
      if (eps[i].answered() && in.listedFor != p) {
        in.listedFor = p;
        records.add(new Srv(eps[i].endpoint(), in.name(), in.answered()));
      }
    }
    int entry = zoneEntry(owner);
    if (records.isEmpty() || has(entry, Type.SRV)) {
      return;
    }
    boolean windowed = s.maxAnswers() > 0 && s.maxAnswers() < records.size();
    List<List<Srv>> orders =
        windowed
            ? Rotations.of(records, x -> 1, s.maxAnswers(), () -> WireNames.dnsjavaHash(owner))
            : List.of(records);
    int glue = sameGlueCount(orders);
    tails.begin(owner);
    for (List<Srv> order : orders) {
      tails.variant();
      for (Srv r : order) {
        tails.srv(s.ttl(), r.endpoint().priority(), r.endpoint().weight(), p.port(), r.target());
      }
      for (Srv r : glue >= 0 ? order : List.<Srv>of()) {
        for (Ep ep : r.glue()) {
          tails.address(r.target(), s.ttl(), ep.address());
        }
      }
    }
    addRow(entry, Type.SRV, orders.get(0).size(), Math.max(glue, 0));
  }

  /**
   * The additional records every window has, or -1 when windows differ: the additional section is
   * optional (RFC 1035 4.1), and an answer has one count for all its variants.
   */
  private static int sameGlueCount(List<List<Srv>> orders) {
    int count = -1;
    for (List<Srv> order : orders) {
      int n = 0;
      for (Srv r : order) {
        n += r.glue().size();
      }
      if (count >= 0 && n != count) {
        return -1;
      }
      count = n;
    }
    return count;
  }

  /**
   * The name exists; its A and AAAA (when there are any), each address once, in every order of the
   * window, biased by the endpoints' weights (the first weight of an address counts).
   *
   * @return the name's entry
   */
  private int addAddresses(byte[] owner, long ttl, List<Ep> eps, int window) {
    int entry = zoneEntry(owner);
    v4.clear();
    v6.clear();
    for (Ep ep : eps) {
      List<Ep> family = ep.address().length == 4 ? v4 : v6;
      if (!containsAddress(family, ep.address())) {
        family.add(ep);
      }
    }
    addAddressSet(entry, owner, Type.A, ttl, v4, window);
    addAddressSet(entry, owner, Type.AAAA, ttl, v6, window);
    return entry;
  }

  private void addAddressSet(
      int entry, byte[] owner, int type, long ttl, List<Ep> rrset, int window) {
    if (rrset.isEmpty() || has(entry, type)) {
      return;
    }
    tails.begin(owner);
    if (rrset.size() == 1) {
      // One record, one order: most names of a big zone (S-N, H.S).
      tails.variant();
      tails.address(owner, ttl, rrset.get(0).address());
      addRow(entry, type, 1, 0);
      return;
    }
    List<List<Ep>> orders =
        Rotations.of(
            rrset, ep -> ep.endpoint().weight(), window, () -> WireNames.dnsjavaHash(owner));
    for (List<Ep> order : orders) {
      tails.variant();
      for (Ep ep : order) {
        tails.address(owner, ttl, ep.address());
      }
    }
    addRow(entry, type, orders.get(0).size(), 0);
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

  /** Names between {@code name} and the apex exist (empty non-terminals, RFC 8020). */
  private void addParents(byte[] name) {
    for (int at = name[0] + 1; at < name.length - origin.length; at += name[at] + 1) {
      zoneEntry(Arrays.copyOfRange(name, at, name.length));
    }
  }

  /** The entry of a zone name, added (existing, with no records) when new. */
  private int zoneEntry(byte[] name) {
    return entry(name, true);
  }

  private int entry(byte[] name, boolean inZone) {
    return store.entry(name, inZone);
  }

  /** {@code relative} under the zone, wire format, lower case. */
  private byte[] name(String relative) {
    byte[] fast = WireNames.fromRelative(relative, origin);
    return fast != null ? fast : ZoneRecords.absolute(relative, zone.origin()).toWireCanonical();
  }

  private static String srvName(Service s, Port p) {
    return "_" + p.name() + "._" + p.protocol() + "." + s.name();
  }

  private static boolean containsAddress(List<Ep> eps, byte[] address) {
    for (Ep ep : eps) {
      if (Arrays.equals(ep.address(), address)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One instance name of a service ({@code H.S} shared by the endpoints with hostname H, or {@code
   * S-N}), its entry once added, and its answered endpoints. Compared by identity: one per name
   * within a service.
   */
  private static final class Instance {
    private final byte[] name;
    private final List<Ep> answered = new ArrayList<>(1);
    private int entry;

    /** The port whose SRV records already list this instance. */
    private Port listedFor;

    Instance(byte[] name, int entry) {
      this.name = name;
      this.entry = entry;
    }

    byte[] name() {
      return name;
    }

    List<Ep> answered() {
      return answered;
    }
  }

  /** An endpoint of the service being added, its address bytes, and whether it is answered. */
  private record Ep(Endpoint endpoint, byte[] address, boolean answered) {}

  /** One SRV record: its endpoint (priority, weight), target, and the target's answered glue. */
  private record Srv(Endpoint endpoint, byte[] target, List<Ep> glue) {}
}
