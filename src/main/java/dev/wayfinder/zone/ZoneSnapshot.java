package dev.wayfinder.zone;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * One immutable version of the zone (and of the reverse names of its endpoints). Built whole by
 * {@link #build}, or derived from the previous version for changed verdicts by {@link
 * #withServices}; published by {@link ZoneManager} with a single reference swap; queries never
 * lock.
 */
public final class ZoneSnapshot {
  private final ZoneRecords zone;
  private final ZoneContent content;
  private final long serial;
  private final NameTable table;
  private final byte[] originWire;
  private final byte[][] searchWires;
  private final ZoneAnswer nxdomain;
  private final ZoneAnswer noData;

  /** NODATA at a reverse name: no SOA, as those names are outside the zone that owns it. */
  private static final ZoneAnswer REVERSE_NO_DATA = Tails.bareNoData();

  private ZoneSnapshot(DnsConfig config, ZoneRecords zone, ZoneContent content, long serial) {
    this(
        zone,
        content,
        serial,
        new SnapshotBuilder(zone, serial, config.reverse()).build(content),
        config.search().stream()
            .map(s -> ZoneRecords.absolute(s, Name.root).toWireCanonical())
            .toArray(byte[][]::new));
  }

  private ZoneSnapshot(
      ZoneRecords zone, ZoneContent content, long serial, NameTable table, byte[][] searchWires) {
    this.zone = zone;
    this.content = content;
    this.serial = serial;
    this.table = table;
    this.originWire = zone.origin().toWireCanonical();
    this.searchWires = searchWires;
    // The negative tails carry the SOA, hence the serial: two small encodings per version.
    SOARecord soa = zone.soa(serial);
    this.nxdomain = Tails.negative(Rcode.NXDOMAIN, soa);
    this.noData = Tails.negative(Rcode.NOERROR, soa);
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
   * content would. Only the changed services' own names and the apex are built again; every other
   * node, and the name index itself, is shared with this snapshot.
   */
  ZoneSnapshot withServices(Collection<ServiceAnswers> changed, long serial) {
    List<NameTable.Entry> replaced = new ArrayList<>();
    replaced.add(
        new NameTable.Entry(originWire, new SnapshotBuilder(zone, serial, false).apexNode()));
    for (ServiceAnswers sa : changed) {
      for (NameTable.Entry e : new SnapshotBuilder(zone, serial, false).serviceNodes(sa)) {
        Node old = table.get(e.wireName(), e.wireName().length);
        replaced.add(new NameTable.Entry(e.wireName(), old.withServiceAnswers(e.node())));
      }
    }
    return new ZoneSnapshot(
        zone, content.with(changed), serial, table.withNodes(replaced), searchWires);
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

  /** Number of names answered (zone and reverse), for tests and metrics. */
  int nameCount() {
    return table.size();
  }

  /**
   * The hot path. {@code lowerName} holds the question name in wire format (length-prefixed labels
   * ending in the root label), already lower-cased, in bytes {@code [0, nameLen)}.
   *
   * @return the precomputed answer; {@link ZoneAnswer#SLOW} when the question needs {@link
   *     #answer}; {@code null} when the name is not ours (outside the zone and not a served reverse
   *     name), so the caller forwards it
   */
  public ZoneAnswer find(byte[] lowerName, int nameLen, int qtype) {
    Node node = table.get(lowerName, nameLen);
    if (node != null) {
      return answerAt(node, qtype);
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

  /** What {@code node} answers for {@code qtype}: its records, or NODATA (RFC 2308 2.2). */
  ZoneAnswer answerAt(Node node, int qtype) {
    ZoneAnswer found = node.answer(qtype);
    return found != null ? found : noDataAt(node);
  }

  /** The NODATA answer of {@code node}'s name. */
  ZoneAnswer noDataAt(Node node) {
    return node.inZone() ? noData : REVERSE_NO_DATA;
  }

  /** Every name answered (zone and reverse), wire format, for tests and diagnostics. */
  List<byte[]> names() {
    return table.entries().stream().map(NameTable.Entry::wireName).toList();
  }

  /** The node of a name, for the general path. */
  Node node(byte[] lowerName) {
    return table.get(lowerName, lowerName.length);
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
        Node prefix = table.getPrefix(name, at);
        if (prefix != null && prefix.inZone()) {
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
