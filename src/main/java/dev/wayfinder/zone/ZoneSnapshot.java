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
 * {@link #build}, published by {@link ZoneManager} with a single reference swap; queries never
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

  private ZoneSnapshot(DnsConfig config, ZoneRecords zone, ZoneContent content, long serial) {
    this.zone = zone;
    this.content = content;
    this.serial = serial;
    this.originWire = zone.origin().toWireCanonical();
    this.searchWires =
        config.search().stream()
            .map(s -> ZoneRecords.absolute(s, Name.root).toWireCanonical())
            .toArray(byte[][]::new);
    SOARecord soa = zone.soa(serial);
    this.nxdomain = Tails.negative(Rcode.NXDOMAIN, soa);
    ZoneAnswer noData = Tails.negative(Rcode.NOERROR, soa);
    this.table = new SnapshotBuilder(zone, serial, config.reverse(), noData).build(content);
  }

  /** Builds a snapshot, asking {@code health} once per endpoint. */
  public static ZoneSnapshot build(
      DnsConfig config, Collection<Service> services, HealthView health, long serial) {
    return build(config, ZoneContent.of(services, health), serial);
  }

  static ZoneSnapshot build(DnsConfig config, ZoneContent content, long serial) {
    return new ZoneSnapshot(config, new ZoneRecords(config), content, serial);
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
   * The hot path. {@code lowerName} holds the question name in wire format (length-prefixed
   * labels ending in the root label), already lower-cased, in bytes {@code [0, nameLen)}.
   *
   * @return the precomputed answer; {@link ZoneAnswer#SLOW} when the question needs {@link
   *     #answer}; {@code null} when the name is not ours (outside the zone and not a served reverse
   *     name), so the caller forwards it
   */
  public ZoneAnswer find(byte[] lowerName, int nameLen, int qtype) {
    Node node = table.get(lowerName, nameLen);
    if (node != null) {
      return node.answer(qtype);
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
