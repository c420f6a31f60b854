package dev.wayfinder.zone;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * Fills a {@link NameTable} with every name of a snapshot and its precomputed answers. One use:
 * build (or build one service's nodes, or the apex node), then discard.
 */
final class SnapshotBuilder {
  private final ZoneRecords zone;
  private final long serial;
  private final boolean reverse;
  private final NameTable.Builder table = new NameTable.Builder();
  private final Node emptyZoneNode;
  private final Node emptyReverseNode;

  /** Reverse name → the instance names it points at, and the TTL of the first claimant. */
  private final Map<InetAddress, PtrTargets> ptrs = new LinkedHashMap<>();

  /**
   * @param serial the SOA serial of the apex
   * @param reverse also build the reverse (PTR) names
   */
  SnapshotBuilder(ZoneRecords zone, long serial, boolean reverse) {
    this.zone = zone;
    this.serial = serial;
    this.reverse = reverse;
    // Most names of a big zone hold no records of some kind; sharing the empty node saves one
    // object per empty non-terminal.
    this.emptyZoneNode = Node.empty(true);
    this.emptyReverseNode = Node.empty(false);
  }

  NameTable build(ZoneContent content) {
    addApex();
    content.services().forEach(this::addService);
    ptrs.forEach(this::addPtr);
    return table.build();
  }

  /** The apex node alone (SOA with this builder's serial, NS with its glue). */
  Node apexNode() {
    addApex();
    return table.get(zone.origin().toWireCanonical());
  }

  /**
   * The nodes of the names one service owns ({@code S}, {@code S-N}, {@code H.S}, {@code _P._T.S})
   * built alone: what a verdict change replaces. Their health-dependent answers (A, AAAA, SRV) are
   * exactly those of a full build, because no other service contributes records to them (a clash of
   * names is a config error). Parents and reverse names do not depend on health and are left out.
   */
  List<NameTable.Entry> serviceNodes(ServiceAnswers sa) {
    addService(sa);
    Service s = sa.service();
    Set<Name> owned = new LinkedHashSet<>();
    owned.add(zone.serviceName(s));
    for (Endpoint e : s.endpoints()) {
      owned.add(zone.ordinalName(s, e));
      owned.add(zone.instanceName(s, e));
    }
    s.ports().forEach(p -> owned.add(zone.srvName(s, p)));
    List<NameTable.Entry> out = new ArrayList<>(owned.size());
    for (Name name : owned) {
      byte[] key = name.toWireCanonical();
      out.add(new NameTable.Entry(key, table.get(key)));
    }
    return out;
  }

  private void addApex() {
    Name origin = zone.origin();
    put(origin, Type.SOA, single(origin, Type.SOA, zone.soa(serial), null));
    put(origin, Type.NS, single(origin, Type.NS, zone.ns(), zone.nsAddresses()));
    Map<Record, Integer> equal = new LinkedHashMap<>();
    zone.nsAddresses().forEach(r -> equal.put(r, 1));
    addRRsets(zone.nsHost(), equal, 0);
  }

  private void addService(ServiceAnswers sa) {
    Service s = sa.service();
    Name name = zone.serviceName(s);
    addParents(name);
    addRRsets(name, s.ttl(), sa.answerSet(), s.maxAnswers());
    Map<Name, List<Endpoint>> byInstance = addInstances(s, new HashSet<>(sa.answerSet()));
    for (Port p : s.ports()) {
      addSrv(s, p, sa.answerSet(), byInstance);
    }
    if (reverse) {
      for (Endpoint e : s.endpoints()) {
        ptrs.computeIfAbsent(e.address(), a -> new PtrTargets(s.ttl(), new ArrayList<>()))
            .targets()
            .add(zone.instanceName(s, e));
      }
    }
  }

  /**
   * {@code S-N.Z} for every endpoint and {@code H.S.Z} for every hostname: each exists, and holds
   * the addresses of its answered endpoints.
   *
   * @return instance name → its answered endpoints, for SRV additional data
   */
  private Map<Name, List<Endpoint>> addInstances(Service s, Set<Endpoint> answered) {
    Map<Name, List<Endpoint>> byInstance = new LinkedHashMap<>();
    for (Endpoint e : s.endpoints()) {
      List<Endpoint> mine = answered.contains(e) ? List.of(e) : List.of();
      Name ordinal = zone.ordinalName(s, e);
      addRRsets(ordinal, s.ttl(), mine, 0);
      byInstance.computeIfAbsent(zone.instanceName(s, e), k -> new ArrayList<>()).addAll(mine);
    }
    for (Endpoint e : s.endpoints()) {
      if (e.hostname() != null) {
        Name host = zone.instanceName(s, e);
        addRRsets(host, s.ttl(), byInstance.get(host), 0);
      }
    }
    return byInstance;
  }

  /**
   * {@code _P._T.S.Z} SRV: each window of the SRV records, with the A/AAAA of exactly the targets
   * in that window as additional data (RFC 2782 "Usage rules").
   */
  private void addSrv(
      Service s, Port p, List<Endpoint> answerSet, Map<Name, List<Endpoint>> byInstance) {
    Name owner = zone.srvName(s, p);
    addParents(owner);
    List<Record> records = zone.srv(s, p, answerSet);
    if (records.isEmpty()) {
      touch(owner);
      return;
    }
    // SRV order means nothing: clients sort by priority and pick by weight themselves (RFC 2782
    // "Usage rules"). So only a max_answers window needs rotations; else one variant saves memory.
    boolean windowed = s.maxAnswers() > 0 && s.maxAnswers() < records.size();
    List<List<Record>> orders =
        windowed ? Rotations.of(records, s.maxAnswers(), owner.hashCode()) : List.of(records);
    List<List<Record>> additionals = new ArrayList<>(orders.size());
    for (List<Record> order : orders) {
      List<Record> glue = new ArrayList<>();
      for (Record srv : order) {
        Name target = srv.getAdditionalName();
        glue.addAll(addresses(target, s.ttl(), byInstance.getOrDefault(target, List.of())));
      }
      additionals.add(glue);
    }
    put(owner, Type.SRV, Tails.positive(owner, Type.SRV, orders, additionals));
  }

  private void addPtr(InetAddress address, PtrTargets ptr) {
    Name owner = ReverseMap.fromAddress(address);
    List<Record> records = new ArrayList<>();
    for (Name target : new LinkedHashSet<>(ptr.targets())) {
      records.add(new PTRRecord(owner, DClass.IN, ptr.ttl(), target));
    }
    List<List<Record>> orders = Rotations.of(records, 0, owner.hashCode());
    byte[] key = owner.toWireCanonical();
    Node node = table.get(key);
    node = node != null ? node : emptyReverseNode;
    table.put(key, node.with(Type.PTR, Tails.positive(owner, Type.PTR, orders, null)));
  }

  /**
   * The name exists; its A and AAAA (when there are any) in every order of the window, biased by
   * the endpoints' weights.
   */
  private void addRRsets(Name owner, long ttl, List<Endpoint> endpoints, int window) {
    Map<Record, Integer> weights = new LinkedHashMap<>();
    for (Endpoint e : endpoints) {
      weights.putIfAbsent(ZoneRecords.address(owner, ttl, e), e.weight());
    }
    addRRsets(owner, weights, window);
  }

  private void addRRsets(Name owner, Map<Record, Integer> weights, int window) {
    touch(owner);
    for (int type : new int[] {Type.A, Type.AAAA}) {
      List<Record> rrset = weights.keySet().stream().filter(r -> r.getType() == type).toList();
      if (!rrset.isEmpty()) {
        List<List<Record>> orders = Rotations.of(rrset, weights::get, window, owner.hashCode());
        put(owner, type, Tails.positive(owner, type, orders, null));
      }
    }
  }

  /** Names between {@code name} and the apex exist (empty non-terminals, RFC 8020). */
  private void addParents(Name name) {
    Name origin = zone.origin();
    for (Name p = new Name(name, 1); p.subdomain(origin) && !p.equals(origin); p = new Name(p, 1)) {
      touch(p);
    }
  }

  /** The zone name exists, with or without records. */
  private void touch(Name name) {
    byte[] key = name.toWireCanonical();
    if (table.get(key) == null) {
      table.put(key, emptyZoneNode);
    }
  }

  private void put(Name name, int type, ZoneAnswer answer) {
    byte[] key = name.toWireCanonical();
    Node node = table.get(key);
    table.put(key, (node != null ? node : emptyZoneNode).with(type, answer));
  }

  private static List<Record> addresses(Name owner, long ttl, List<Endpoint> endpoints) {
    List<Record> out = new ArrayList<>(endpoints.size());
    endpoints.forEach(e -> out.add(ZoneRecords.address(owner, ttl, e)));
    return out;
  }

  private static ZoneAnswer single(Name owner, int type, Record record, List<Record> additional) {
    return Tails.positive(
        owner, type, List.of(List.of(record)), additional == null ? null : List.of(additional));
  }

  private record PtrTargets(long ttl, List<Name> targets) {}
}
