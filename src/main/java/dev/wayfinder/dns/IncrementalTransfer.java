package dev.wayfinder.dns;

import dev.wayfinder.zone.ZoneDiff;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/** The incremental form of an IXFR answer (RFC 1995 4) and the serial arithmetic it needs. */
final class IncrementalTransfer {
  private IncrementalTransfer() {}

  /**
   * The current SOA; then for each change the SOA at its old serial, the records it removed, the
   * SOA at its new serial, the records it added; then the current SOA again.
   */
  static List<Record> records(SOARecord current, List<ZoneDiff> steps) {
    List<Record> out = new ArrayList<>();
    out.add(current);
    for (ZoneDiff step : steps) {
      out.add(at(current, step.fromSerial()));
      out.addAll(step.deleted());
      out.add(at(current, step.toSerial()));
      out.addAll(step.added());
    }
    out.add(current);
    return out;
  }

  /** True when serial {@code a} is before {@code b} in RFC 1982 arithmetic (32 bits). */
  static boolean isOlder(long a, long b) {
    long d = (b - a) & 0xffffffffL;
    return d != 0 && d < 0x80000000L;
  }

  /** The SOA as it was at {@code serial}: only the serial differs within one zone manager. */
  private static SOARecord at(SOARecord soa, long serial) {
    return new SOARecord(
        soa.getName(),
        soa.getDClass(),
        soa.getTTL(),
        soa.getHost(),
        soa.getAdmin(),
        serial,
        soa.getRefresh(),
        soa.getRetry(),
        soa.getExpire(),
        soa.getMinimum());
  }
}
