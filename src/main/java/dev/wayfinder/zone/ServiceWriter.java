package dev.wayfinder.zone;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * Writes one service at a time into a {@link SnapshotBuilder}'s store: its names, built once from
 * the service name's bytes, and their A, AAAA, SRV (and PTR) answers in wire format, from the
 * endpoints' address bytes. Everything per service lives in arrays reused for the next one ({@link
 * ServiceLayout} and the scratch positions below), so a zone of 100,000 services makes no object
 * per endpoint beyond its names and address bytes.
 */
final class ServiceWriter {
  private final ZoneRecords zone;
  private final byte[] origin;
  private final NodeStore store;
  private final TailWriter tails;

  /** Where a full build claims reverse names; {@code null} with reverse off or when derived. */
  private final ReverseNames reverseNames;

  /** The endpoints of the service being added. */
  private final ServiceLayout layout = new ServiceLayout();

  /**
   * Scratch positions in {@link #layout}, consumed before the next use: endpoints picked for a
   * name, one name's distinct IPv4 and IPv6 addresses, their weights, and the SRV records'
   * endpoints and instances.
   */
  private int[] pick = new int[8];

  private int[] v4 = new int[8];
  private int[] v6 = new int[8];
  private int[] weights = new int[8];
  private int[] recordEndpoint = new int[8];
  private int[] recordInstance = new int[8];

  /** The last port whose SRV owner labels ({@code _P._T}) were made, and those labels. */
  private Port lastPort;

  private byte[] lastPortLabels;

  /**
   * Where the names of the service being added are made (see {@link NameScratch}): its own name,
   * its SRV owners and the parents of both, and per endpoint (the first {@link #POOLED}) its {@code
   * S-N}, which the service's answers refer to until the next service. One set per thread, shared
   * by its writers: a derived builder is made per change, and a set of its own would be most of
   * what a small change allocates. Each {@link #add} is done with them before the next starts.
   */
  private static final class Scratch {
    final NameScratch serviceName = new NameScratch();
    final NameScratch srvOwner = new NameScratch();
    final NameScratch parents = new NameScratch();
    final NameScratch[] ordinals = new NameScratch[POOLED];
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final NameScratch serviceName;
  private final NameScratch srvOwner;
  private final NameScratch parents;
  private final NameScratch[] ordinals;

  /** Endpoints past this many in one service get new arrays for their {@code S-N}. */
  private static final int POOLED = 64;

  ServiceWriter(
      ZoneRecords zone, byte[] origin, NodeStore store, TailWriter tails, ReverseNames reverse) {
    this.zone = zone;
    this.origin = origin;
    this.store = store;
    this.tails = tails;
    this.reverseNames = reverse;
    Scratch scratch = SCRATCH.get();
    this.serviceName = scratch.serviceName;
    this.srvOwner = scratch.srvOwner;
    this.parents = scratch.parents;
    this.ordinals = scratch.ordinals;
  }

  /**
   * The names {@code sa}'s service owns and their answers: {@code S} (and its parents), {@code
   * S-N}, {@code H.S}, {@code _P._T.S} (and {@code _T.S}), and, in a full build, the reverse names
   * of its addresses.
   */
  void add(ServiceAnswers sa) {
    Service s = sa.service();
    long ttl = s.ttl();
    byte[] name = name(s.name(), serviceName);
    int lastLabel = WireNames.lastLabelBefore(name, origin.length);
    ServiceLayout l = layout;
    l.load(s.endpoints(), sa.answerSet());
    ensureScratch(l.count);
    addParents(name);
    int answered = 0;
    for (int i = 0; i < l.count; i++) {
      if (l.answered[i]) {
        pick[answered++] = i;
      }
    }
    addAddresses(store.askedEntry(name), name, ttl, pick, answered, s.maxAnswers());
    for (int i = 0; i < l.count; i++) {
      Endpoint e = l.endpoints[i];
      byte[] ordinal = ordinalName(s, e, name, lastLabel, ordinalScratch(i));
      pick[0] = i;
      int ordinalEntry = addAddresses(ordinal, ttl, pick, l.answered[i] ? 1 : 0, 0);
      int in;
      if (e.hostname() == null) {
        in = l.addInstance(ordinal, ordinalEntry);
      } else {
        in = l.hostInstance(e.hostname());
        in = in >= 0 ? in : l.addHostInstance(e.hostname(), hostName(s, e, name));
      }
      l.assign(i, in);
    }
    for (int in = 0; in < l.instances; in++) {
      if (l.instanceEntry[in] < 0) {
        int n = 0;
        for (int i = l.firstAnswered[in]; i >= 0; i = l.nextAnswered[i]) {
          pick[n++] = i;
        }
        l.instanceEntry[in] = addAddresses(l.instanceName[in], ttl, pick, n, 0);
      }
    }
    List<Port> ports = s.ports();
    for (int p = 0; p < ports.size(); p++) {
      addSrv(s, ports.get(p), p, name);
    }
    if (reverseNames != null) {
      for (int i = 0; i < l.count; i++) {
        int in = l.instanceOf[i];
        reverseNames.claim(l.addresses[i], l.instanceEntry[in], l.instanceName[in], ttl, tails);
      }
    }
    l.clear();
  }

  /** Sizes the scratch arrays of positions for a service of {@code endpoints} endpoints. */
  private void ensureScratch(int endpoints) {
    if (endpoints > pick.length) {
      int size = Math.max(endpoints, pick.length * 2);
      pick = new int[size];
      v4 = new int[size];
      v6 = new int[size];
      weights = new int[size];
      recordEndpoint = new int[size];
      recordInstance = new int[size];
    }
  }

  /** {@code S-N.Z}: the last label of {@code S} extended by {@code -N}. */
  private byte[] ordinalName(Service s, Endpoint e, byte[] name, int lastLabel, NameScratch into) {
    byte[] fast = WireNames.extendLabel(name, lastLabel, e.ordinal(), into);
    return fast != null ? fast : name(s.name() + "-" + e.ordinal());
  }

  /** The scratch for the {@code S-N} of the service's endpoint {@code i}, or null past the pool. */
  private NameScratch ordinalScratch(int i) {
    if (i >= POOLED) {
      return null;
    }
    NameScratch scratch = ordinals[i];
    return scratch != null ? scratch : (ordinals[i] = new NameScratch());
  }

  /** {@code H.S.Z}. */
  private byte[] hostName(Service s, Endpoint e, byte[] name) {
    byte[] fast = WireNames.prepend(name, e.hostname());
    return fast != null ? fast : name(e.instanceName(s.name()));
  }

  /** {@code _P._T.S.Z} (RFC 2782); the labels {@code _P._T} are made once per port. */
  private byte[] srvName(Service s, Port p, byte[] name) {
    if (p != lastPort) {
      lastPort = p;
      lastPortLabels = WireNames.prepend(new byte[0], "_" + p.name(), "_" + p.protocol());
    }
    byte[] fast = lastPortLabels != null ? WireNames.concat(lastPortLabels, name, srvOwner) : null;
    return fast != null ? fast : name(srvName(s, p));
  }

  /**
   * {@code _P._T.S.Z} SRV, one record per distinct instance of the answer set: each window of the
   * records, with the A/AAAA of exactly the targets in that window as additional data (RFC 2782
   * "Usage rules"). SRV order means nothing to clients (they sort by priority and pick by weight),
   * so only a {@code max_answers} window needs rotations.
   */
  private void addSrv(Service s, Port p, int portIndex, byte[] serviceName) {
    ServiceLayout l = layout;
    byte[] owner = srvName(s, p, serviceName);
    addParents(owner);
    int records = 0;
    for (int i = 0; i < l.count; i++) {
      int in = l.instanceOf[i];
      if (l.answered[i] && l.listedFor[in] != portIndex + 1) {
        l.listedFor[in] = portIndex + 1;
        recordEndpoint[records] = i;
        recordInstance[records++] = in;
      }
    }
    int entry = store.askedEntry(owner);
    if (records == 0 || has(entry, Type.SRV)) {
      return;
    }
    boolean windowed = s.maxAnswers() > 0 && s.maxAnswers() < records;
    int[][] orders =
        windowed
            ? Rotations.indexOrders(
                records, null, s.maxAnswers(), () -> WireNames.dnsjavaHash(owner))
            : new int[][] {Rotations.identity(records)};
    int keep = orders[0].length;
    int glue = sameGlueCount(orders, keep);
    tails.begin(owner);
    for (int[] order : orders) {
      tails.variant();
      for (int k = 0; k < keep; k++) {
        Endpoint e = l.endpoints[recordEndpoint[order[k]]];
        byte[] target = l.instanceName[recordInstance[order[k]]];
        tails.srv(s.ttl(), e.priority(), e.weight(), p.port(), target);
      }
      for (int k = 0; glue >= 0 && k < keep; k++) {
        int in = recordInstance[order[k]];
        for (int i = l.firstAnswered[in]; i >= 0; i = l.nextAnswered[i]) {
          tails.address(l.instanceName[in], s.ttl(), l.addresses[i]);
        }
      }
    }
    addRow(entry, Type.SRV, keep, Math.max(glue, 0));
  }

  /**
   * The additional records every window has, or -1 when windows differ: the additional section is
   * optional (RFC 1035 4.1), and an answer has one count for all its variants.
   */
  private int sameGlueCount(int[][] orders, int keep) {
    int count = -1;
    for (int[] order : orders) {
      int n = 0;
      for (int k = 0; k < keep; k++) {
        n += layout.answeredCount[recordInstance[order[k]]];
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
   * @param eps positions of the endpoints in {@link #layout}, {@code eps[0, count)}
   * @return the name's entry
   */
  private int addAddresses(byte[] owner, long ttl, int[] eps, int count, int window) {
    return addAddresses(zoneEntry(owner), owner, ttl, eps, count, window);
  }

  /** {@link #addAddresses(byte[], long, int[], int, int)} at name {@code entry}. */
  private int addAddresses(int entry, byte[] owner, long ttl, int[] eps, int count, int window) {
    byte[][] addresses = layout.addresses;
    int n4 = 0;
    int n6 = 0;
    for (int k = 0; k < count; k++) {
      int i = eps[k];
      if (addresses[i].length == 4) {
        n4 = addDistinct(v4, n4, i);
      } else {
        n6 = addDistinct(v6, n6, i);
      }
    }
    addAddressSet(entry, owner, Type.A, ttl, v4, n4, window);
    addAddressSet(entry, owner, Type.AAAA, ttl, v6, n6, window);
    return entry;
  }

  /** Appends endpoint {@code i} to {@code set[0, n)} unless its address is there; the new n. */
  private int addDistinct(int[] set, int n, int i) {
    byte[][] addresses = layout.addresses;
    for (int k = 0; k < n; k++) {
      if (sameAddress(addresses[set[k]], addresses[i])) {
        return n;
      }
    }
    set[n] = i;
    return n + 1;
  }

  /** Equal address bytes (4 or 16 of them: a loop is cheaper than a call while still cold). */
  private static boolean sameAddress(byte[] a, byte[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  private void addAddressSet(
      int entry, byte[] owner, int type, long ttl, int[] rrset, int n, int window) {
    if (n == 0 || has(entry, type)) {
      return;
    }
    byte[][] addresses = layout.addresses;
    tails.begin(owner);
    if (n == 1) {
      // One record, one order: most names of a big zone (S-N, H.S).
      tails.variant();
      tails.address(owner, ttl, addresses[rrset[0]]);
      addRow(entry, type, 1, 0);
      return;
    }
    for (int k = 0; k < n; k++) {
      weights[k] = layout.endpoints[rrset[k]].weight();
    }
    int[][] orders = Rotations.indexOrders(n, weights, window, () -> WireNames.dnsjavaHash(owner));
    if (Rotations.areRotations(orders, n)) {
      // Records of one type at one owner have one size: the rotations are windows of one sequence.
      int keep = orders[0].length;
      tails.variant();
      for (int k = 0; k < n + keep - 1; k++) {
        tails.address(owner, ttl, addresses[rrset[k % n]]);
      }
      tails.rotations(n, keep);
      addRow(entry, type, keep, 0);
      return;
    }
    for (int[] order : orders) {
      tails.variant();
      for (int k : order) {
        tails.address(owner, ttl, addresses[rrset[k]]);
      }
    }
    addRow(entry, type, orders[0].length, 0);
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
      byte[] parent = parents.of(name.length - at);
      System.arraycopy(name, at, parent, 0, parent.length);
      zoneEntry(parent);
    }
  }

  /** The entry of a zone name, added (existing, with no records) when new. */
  private int zoneEntry(byte[] name) {
    return store.entry(name, true);
  }

  /** {@code relative} under the zone, wire format, lower case. */
  byte[] name(String relative) {
    return name(relative, null);
  }

  /** {@link #name(String)}, in an array of {@code into} when it is plain. */
  private byte[] name(String relative, NameScratch into) {
    byte[] fast = WireNames.fromRelative(relative, origin, into);
    return fast != null ? fast : ZoneRecords.absolute(relative, zone.origin()).toWireCanonical();
  }

  /** {@code _P._T.S}, relative to the zone (RFC 2782). */
  static String srvName(Service s, Port p) {
    return "_" + p.name() + "._" + p.protocol() + "." + s.name();
  }
}
