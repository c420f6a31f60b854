package dev.wayfinder.zone;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One immutable version of the zone (and of the reverse names of its endpoints). Built whole by
 * {@link #build}, or derived from the previous version for changed services (definitions or
 * verdicts) by {@link #withChanges}; published by {@link ZoneManager} with a single reference swap;
 * queries never lock.
 */
public final class ZoneSnapshot {
  /** The view {@link #find} fills, one per thread: answers are rows, not objects. */
  private static final ThreadLocal<ZoneAnswer> VIEW = ThreadLocal.withInitial(ZoneAnswer::new);

  /** NODATA at a reverse name: no SOA, as those names are outside the zone that owns it. */
  private static final ZoneAnswer REVERSE_NO_DATA =
      new ZoneAnswer(Rcode.NOERROR, true, 0, 0, 0, new byte[][] {{}});

  /** What {@link #answerAt} gives for a removed name; never handed out by {@link #find}. */
  private static final ZoneAnswer REMOVED =
      new ZoneAnswer(Rcode.NXDOMAIN, true, 0, 0, 0, new byte[][] {{}});

  private final DnsConfig config;
  private final ZoneRecords zone;
  private final ZoneContent content;
  private final long serial;
  private final NameTable table;
  private final int[][] nodes;
  private final AnswerRows rows;

  /**
   * The asked names whose row copy ({@link NodeStore}) a derived version made stale, a bit each, or
   * null: the entries below {@link NameTable#asked} not marked here answer from their copy.
   */
  private final int[][] patched;

  /**
   * Pages of tails derived versions may add before a whole build: an arena addresses {@link
   * Arena#MAX_PAGES}, and a large answer (a shared reverse name's rotations) can take a page of its
   * own.
   */
  static final int MAX_DERIVED_PAGES = 1024;

  /** Tail bytes and rows of the last full build: derived versions only add, so they compact. */
  private final long compactTailBytes;

  private final int compactRows;
  private final int compactTailPages;
  private final byte[] originWire;
  private final byte[][] searchWires;
  private final ZoneAnswer nxdomain;
  private final ZoneAnswer noData;

  private ZoneSnapshot(DnsConfig config, ZoneRecords zone, ZoneContent content, long serial) {
    this(
        config,
        zone,
        content,
        serial,
        new SnapshotBuilder(
                zone,
                serial,
                config.reverse(),
                SnapshotBuilder.expectedNames(content, config.reverse()))
            .build(content),
        null);
  }

  private ZoneSnapshot(
      DnsConfig config,
      ZoneRecords zone,
      ZoneContent content,
      long serial,
      NodeStore.Built built,
      ZoneSnapshot compactedFrom) {
    this.config = config;
    this.zone = zone;
    this.content = content;
    this.serial = serial;
    this.table = built.names();
    this.nodes = built.nodes();
    this.rows = built.rows();
    this.patched = built.patched();
    this.compactTailBytes =
        compactedFrom == null ? rows.tailBytes() : compactedFrom.compactTailBytes;
    this.compactRows = compactedFrom == null ? rows.size() : compactedFrom.compactRows;
    this.compactTailPages =
        compactedFrom == null ? rows.tailPages() : compactedFrom.compactTailPages;
    this.originWire = zone.origin().toWireCanonical();
    this.searchWires =
        compactedFrom != null
            ? compactedFrom.searchWires
            : config.search().stream()
                .map(s -> ZoneRecords.absolute(s, Name.root).toWireCanonical())
                .toArray(byte[][]::new);
    // The negative tails carry the SOA, hence the serial: two small encodings per version.
    SOARecord soa = zone.soa(serial);
    this.nxdomain = negative(Rcode.NXDOMAIN, soa);
    this.noData = negative(Rcode.NOERROR, soa);
  }

  /**
   * A negative answer (NXDOMAIN or NODATA, RFC 2308 2.1 and 2.2): the SOA in the authority section,
   * written without compression so one tail serves every name of the zone.
   */
  private static ZoneAnswer negative(int rcode, SOARecord soa) {
    return new ZoneAnswer(rcode, true, 0, 1, 0, new byte[][] {soa.toWire(Section.AUTHORITY)});
  }

  /** Builds a snapshot, asking {@code health} once per endpoint. */
  public static ZoneSnapshot build(
      DnsConfig config, Collection<Service> services, HealthView health, long serial) {
    return build(config, ZoneContent.of(services, health), serial);
  }

  static ZoneSnapshot build(DnsConfig config, ZoneContent content, long serial) {
    return new ZoneSnapshot(config, new ZoneRecords(config), content, serial);
  }

  /**
   * This zone with the answer sets of {@code changed} (services already in it, with the same
   * definition) replaced, at {@code serial}: it answers exactly as a full {@link #build} of the new
   * content would. See {@link #withChanges}.
   */
  ZoneSnapshot withServices(Collection<ServiceAnswers> changed, long serial) {
    Map<String, ServiceAnswers> changes = new LinkedHashMap<>();
    for (ServiceAnswers sa : changed) {
      if (content.service(sa.service().name()) != null) {
        changes.put(sa.service().name(), sa);
      }
    }
    return withChanges(changes, null, serial);
  }

  /**
   * This zone with {@code changes} (service name → its new entry, or {@code null} when removed)
   * applied, at {@code serial}: it answers exactly as a full {@link #build} of the new content
   * would. Only the changed services' names, the parents and reverse names they share with others,
   * and the apex are built again, into pages of their own; every other page is shared with this
   * snapshot, and new names go to the table's {@link AddedNames}. Once what derived versions added
   * passes a quarter of the full build's size, or they have added {@link #MAX_DERIVED_PAGES} pages
   * of tails, or a batch changes a sizeable part of the services, the new version is built whole
   * instead, dropping the replaced answers and removed names.
   *
   * @param index the services' index for the new content (moved by {@code changes} already); may be
   *     null when every change keeps its service's definition (a verdict change)
   */
  ZoneSnapshot withChanges(Map<String, ServiceAnswers> changes, ContentIndex index, long serial) {
    ZoneContent next = content.with(changes);
    if (wasteful(100) || changes.size() > 64 + content.size() / 8) {
      return new ZoneSnapshot(config, zone, next.laidOut(), serial);
    }
    SnapshotBuilder b =
        SnapshotBuilder.derive(zone, serial, new NodeStore.Built(table, nodes, rows, patched));
    b.replaceApex();
    new ServiceChanges(b, content, next, index, config.reverse()).apply(changes);
    return new ZoneSnapshot(config, zone, next, serial, b.finish(), this);
  }

  /**
   * True when derived versions have added {@code percent}% of what makes {@link #withChanges} build
   * the next version whole: tails or rows a quarter of the whole build's (plus a margin), added
   * names or changed services an eighth, or {@link #MAX_DERIVED_PAGES} pages of tails.
   */
  boolean wasteful(int percent) {
    int pageLimit = Math.min(MAX_DERIVED_PAGES, Arena.MAX_PAGES - 1 - compactTailPages);
    return rows.tailBytes() - compactTailBytes > (compactTailBytes / 4 + (1 << 20)) * percent / 100
        || rows.size() - compactRows > (compactRows / 4L + 65_536) * percent / 100
        || table.added().count() > (16_384 + table.baseSize() / 8L) * percent / 100
        || content.changedCount() > (16_384 + content.size() / 8L) * percent / 100
        || rows.tailPages() - compactTailPages >= pageLimit * percent / 100;
  }

  public Name origin() {
    return zone.origin();
  }

  public long serial() {
    return serial;
  }

  public SOARecord soa() {
    return zone.soa(serial);
  }

  ZoneContent content() {
    return content;
  }

  /** Names derived versions added since the last whole build, for tests and figures. */
  int addedNames() {
    return table.added().count();
  }

  /** Number of names answered (zone and reverse), for tests and metrics. */
  int nameCount() {
    int removed = 0;
    for (int entry = 0; entry < table.size(); entry++) {
      removed += live(entry) ? 0 : 1;
    }
    return table.size() - removed;
  }

  /**
   * The hot path. {@code lowerName} holds the question name in wire format (length-prefixed labels
   * ending in the root label), already lower-cased, in bytes {@code [0, nameLen)}. Allocation-free.
   *
   * @return the precomputed answer (a positive one is this thread's view of it, valid until its
   *     next lookup); {@link ZoneAnswer#SLOW} when the question needs {@link #answer}; {@code null}
   *     when the name is not ours (outside the zone and not a served reverse name), so the caller
   *     forwards it
   */
  public ZoneAnswer find(byte[] lowerName, int nameLen, int qtype) {
    int entry = table.get(lowerName, nameLen);
    if (entry >= 0) {
      ZoneAnswer answer = answerAt(entry, qtype);
      // A removed name (a derived version's) answers as if it were not in the table.
      if (answer != REMOVED && (answer != ZoneAnswer.SLOW || live(entry))) {
        return answer;
      }
    }
    if (searchPrefix(lowerName, nameLen) > 0) {
      return ZoneAnswer.SLOW;
    }
    return WireNames.suffixStart(lowerName, nameLen, originWire) >= 0 ? nxdomain : null;
  }

  /**
   * The general path, built with dnsjava: the full response to {@code query} (QR, AA, ID and
   * question copied), or {@code null} when the name is not ours. Handles everything {@link #find}
   * does, plus the search-list CNAME short-circuit and ANY.
   */
  public Message answer(Message query) {
    return new GeneralAnswers(this).answer(query);
  }

  /** Every record of the zone in AXFR order (RFC 5936 2.2): SOA first and last. */
  public List<Record> transfer() {
    SOARecord soa = soa();
    Set<Record> records = new LinkedHashSet<>();
    records.add(zone.ns());
    records.addAll(zone.nsAddresses());
    content.services().forEach(s -> records.addAll(zone.serviceRecords(s)));
    List<Record> out = new ArrayList<>(records.size() + 2);
    out.add(soa);
    out.addAll(records);
    out.add(soa);
    return out;
  }

  /**
   * What name {@code entry} answers for {@code qtype}: its records, NODATA (RFC 2308 2.2) when it
   * has none of that type, or {@link ZoneAnswer#SLOW} for the types only the general path handles
   * (ANY, and the transfers the server runs itself); {@link #REMOVED} for a removed name (never an
   * asked name whose row copy is in use: removing one marks it {@link #patched}).
   */
  ZoneAnswer answerAt(int entry, int qtype) {
    if (qtype == Type.ANY || qtype == Type.AXFR || qtype == Type.IXFR) {
      return ZoneAnswer.SLOW;
    }
    ZoneAnswer view = VIEW.get();
    if (entry < table.asked()
        && (patched == null || !NodeStore.isPatched(patched, entry))
        && rows.fillCopy(table.afterKey(entry), qtype, view)) {
      return view;
    }
    int word = PagedInts.get(nodes, entry);
    if (word == NodeStore.DEAD) {
      return REMOVED;
    }
    int row = rowOf(word, qtype);
    if (row < 0) {
      return (word & 1) != 0 ? noData : REVERSE_NO_DATA;
    }
    rows.fill(row, view);
    return view;
  }

  /** True when name {@code entry} holds records of {@code type}. */
  boolean has(int entry, int type) {
    return rowOf(PagedInts.get(nodes, entry), type) >= 0;
  }

  /** False for a name a derived version removed. */
  private boolean live(int entry) {
    return PagedInts.get(nodes, entry) != NodeStore.DEAD;
  }

  /** The row of {@code type} in the chain of node word {@code word}, or -1. */
  private int rowOf(int word, int type) {
    if (word == NodeStore.DEAD) {
      return -1;
    }
    for (int row = (word >>> 1) - 1; row >= 0; row = rows.next(row)) {
      if (rows.type(row) == type) {
        return row;
      }
    }
    return -1;
  }

  private boolean inZone(int entry) {
    return (PagedInts.get(nodes, entry) & 1) != 0;
  }

  /** The NODATA answer of name {@code entry}. */
  ZoneAnswer noDataAt(int entry) {
    return inZone(entry) ? noData : REVERSE_NO_DATA;
  }

  /** Every name answered (zone and reverse), wire format, for tests and diagnostics. */
  List<byte[]> names() {
    List<byte[]> out = new ArrayList<>(table.size());
    for (int entry = 0; entry < table.size(); entry++) {
      if (live(entry)) {
        out.add(table.name(entry));
      }
    }
    return out;
  }

  /** The entry of a name, or -1: for the general path. */
  int entry(byte[] lowerName) {
    int entry = table.get(lowerName, lowerName.length);
    return entry >= 0 && live(entry) ? entry : -1;
  }

  /**
   * Bytes held by this version's tables, keys and tails (shared pages included), for the figures.
   */
  long bytes() {
    return table.bytes() + rows.tailBytes() + 20L * rows.size() + 4L * table.size();
  }

  /**
   * The search-list short-circuit's test: when {@code name} is {@code N.<suffix>} for a suffix of
   * {@code dns.search} and {@code N} is a name of the zone, the length of {@code N}'s labels (N is
   * then those bytes plus the root label); else -1. Allocation-free.
   */
  int searchPrefix(byte[] name, int len) {
    for (byte[] suffix : searchWires) {
      int at = WireNames.suffixStart(name, len, suffix);
      if (at > 0) {
        int prefix = table.getPrefix(name, at);
        if (prefix >= 0 && inZone(prefix)) {
          return at;
        }
      }
    }
    return -1;
  }

  /** The negative answer for names under the zone that do not exist. */
  ZoneAnswer nxdomain() {
    return nxdomain;
  }
}
