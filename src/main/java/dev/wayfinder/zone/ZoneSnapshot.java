package dev.wayfinder.zone;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
import java.util.Collection;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * One immutable version of the zone (and of the reverse names of its endpoints). Built whole by
 * {@link #build}, published by {@link ZoneManager} with a single reference swap; queries never lock.
 */
public final class ZoneSnapshot {

  /** Builds a snapshot. STUB: the zone package fills this in. */
  public static ZoneSnapshot build(
      DnsConfig config, Collection<Service> services, HealthView health, long serial) {
    throw new UnsupportedOperationException("TODO");
  }

  public Name origin() {
    throw new UnsupportedOperationException("TODO");
  }

  public long serial() {
    throw new UnsupportedOperationException("TODO");
  }

  public SOARecord soa() {
    throw new UnsupportedOperationException("TODO");
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
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * The general path, built with dnsjava: the full response to {@code query} (QR, AA, ID and
   * question copied), or {@code null} when the name is not ours. Handles everything {@link #find}
   * does, plus the search-list CNAME short-circuit and ANY.
   */
  public Message answer(Message query) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Every record of the zone in AXFR order (RFC 5936 2.2): SOA first and last. */
  public List<Record> transfer() {
    throw new UnsupportedOperationException("TODO");
  }
}
