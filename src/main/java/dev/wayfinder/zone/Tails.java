package dev.wayfinder.zone;

import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Encodes {@link ZoneAnswer} tails with dnsjava at build time, so the hot path only copies bytes.
 *
 * <p>A positive tail is cut from a whole message whose question is the lower-case owner name:
 * dnsjava's compression then points into the question at offset 12 (RFC 1035 4.1.4), which stays
 * valid for any asker's letter case because the asker's question has the same length and labels.
 */
final class Tails {
  private static final int HEADER_LENGTH = 12;

  private Tails() {}

  /**
   * An authoritative NOERROR answer with one tail per order of the records.
   *
   * @param qname the owner, lower case
   * @param answers the answer section of each variant; every variant has as many records
   * @param additionals the additional section of each variant (same size as {@code answers}), or
   *     null. When the variants' additional counts differ it is left out: it is optional (RFC
   *     1035 4.1), and {@link ZoneAnswer} has one count for all variants.
   */
  static ZoneAnswer positive(
      Name qname, int qtype, List<List<Record>> answers, List<List<Record>> additionals) {
    List<List<Record>> extra = sameSizes(additionals) ? additionals : null;
    byte[][] tails = new byte[answers.size()][];
    for (int v = 0; v < tails.length; v++) {
      Message m = new Message();
      m.addRecord(Record.newRecord(qname, qtype, DClass.IN), Section.QUESTION);
      answers.get(v).forEach(r -> m.addRecord(r, Section.ANSWER));
      if (extra != null) {
        extra.get(v).forEach(r -> m.addRecord(r, Section.ADDITIONAL));
      }
      byte[] wire = m.toWire();
      tails[v] = Arrays.copyOfRange(wire, HEADER_LENGTH + qname.length() + 4, wire.length);
    }
    int arcount = extra == null ? 0 : extra.get(0).size();
    return new ZoneAnswer(Rcode.NOERROR, true, answers.get(0).size(), 0, arcount, tails);
  }

  /**
   * A negative answer (NXDOMAIN or NODATA, RFC 2308 2.1 and 2.2): the SOA in the authority
   * section, written without compression so one tail serves every name of the zone.
   */
  static ZoneAnswer negative(int rcode, SOARecord negativeSoa) {
    return new ZoneAnswer(
        rcode, true, 0, 1, 0, new byte[][] {negativeSoa.toWire(Section.AUTHORITY)});
  }

  /** NODATA without an SOA: for the reverse names, which are outside the zone that owns the SOA. */
  static ZoneAnswer bareNoData() {
    return new ZoneAnswer(Rcode.NOERROR, true, 0, 0, 0, new byte[][] {{}});
  }

  private static boolean sameSizes(List<List<Record>> variants) {
    if (variants == null || variants.isEmpty()) {
      return false;
    }
    int size = variants.get(0).size();
    return variants.stream().allMatch(v -> v.size() == size);
  }
}
