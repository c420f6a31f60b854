package dev.wayfinder.zone;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

/**
 * Encodes {@link ZoneAnswer} tails with dnsjava at build time, so the hot path only copies bytes.
 *
 * <p>A positive tail is written record by record, as it would follow a question of the lower-case
 * owner name: an owner equal to that name is a pointer to the question at offset 12 (RFC 1035
 * 4.1.4), which stays valid for any asker's letter case because the asker's question has the same
 * length and labels; an owner already written as a target in the tail (SRV and NS glue) points at
 * it. Writing the records directly, rather than through a dnsjava {@code Message} per variant, is
 * most of what a snapshot build of a big zone used to allocate.
 */
final class Tails {
  private static final int HEADER_LENGTH = 12;

  /** One reusable output buffer per building thread; each tail is copied out of it. */
  private static final ThreadLocal<DNSOutput> SCRATCH =
      ThreadLocal.withInitial(() -> new DNSOutput(1024));

  private Tails() {}

  /**
   * An authoritative NOERROR answer with one tail per order of the records.
   *
   * @param qname the owner, lower case
   * @param answers the answer section of each variant; every variant has as many records
   * @param additionals the additional section of each variant (same size as {@code answers}), or
   *     null. When the variants' additional counts differ it is left out: it is optional (RFC 1035
   *     4.1), and {@link ZoneAnswer} has one count for all variants.
   */
  static ZoneAnswer positive(
      Name qname, int qtype, List<List<Record>> answers, List<List<Record>> additionals) {
    List<List<Record>> extra = sameSizes(additionals) ? additionals : null;
    byte[][] tails = new byte[answers.size()][];
    for (int v = 0; v < tails.length; v++) {
      tails[v] = encode(qname, answers.get(v), extra == null ? List.of() : extra.get(v));
    }
    int arcount = extra == null ? 0 : extra.get(0).size();
    return new ZoneAnswer(Rcode.NOERROR, true, answers.get(0).size(), 0, arcount, tails);
  }

  /**
   * A negative answer (NXDOMAIN or NODATA, RFC 2308 2.1 and 2.2): the SOA in the authority section,
   * written without compression so one tail serves every name of the zone.
   */
  static ZoneAnswer negative(int rcode, SOARecord negativeSoa) {
    return new ZoneAnswer(
        rcode, true, 0, 1, 0, new byte[][] {negativeSoa.toWire(Section.AUTHORITY)});
  }

  /** NODATA without an SOA: for the reverse names, which are outside the zone that owns the SOA. */
  static ZoneAnswer bareNoData() {
    return new ZoneAnswer(Rcode.NOERROR, true, 0, 0, 0, new byte[][] {{}});
  }

  /** The answer and additional records as they follow a question of {@code qname}. */
  private static byte[] encode(Name qname, List<Record> answers, List<Record> additional) {
    TailWriter w = new TailWriter(qname, SCRATCH.get());
    answers.forEach(w::write);
    additional.forEach(w::write);
    return w.out.toByteArray();
  }

  /** Writes records, remembering where each target name went so later owners can point at it. */
  private static final class TailWriter {
    private final Name qname;
    private final int base;
    private final DNSOutput out;
    private List<Name> targets = List.of();
    private List<Integer> targetOffsets = List.of();

    TailWriter(Name qname, DNSOutput scratch) {
      this.qname = qname;
      this.out = scratch;
      scratch.jump(0);
      // The tail starts after the header and the question (name, type, class).
      this.base = HEADER_LENGTH + qname.length() + 4;
    }

    void write(Record r) {
      writeOwner(r.getName());
      out.writeU16(r.getType());
      out.writeU16(r.getDClass());
      out.writeU32(r.getTTL());
      int lengthAt = out.current();
      out.writeU16(0);
      switch (r) {
        case SRVRecord srv -> {
          out.writeU16(srv.getPriority());
          out.writeU16(srv.getWeight());
          out.writeU16(srv.getPort());
          writeTarget(srv.getTarget());
        }
        case PTRRecord ptr -> writeTarget(ptr.getTarget());
        case NSRecord ns -> writeTarget(ns.getTarget());
        default -> out.writeByteArray(r.rdataToWireCanonical());
      }
      out.writeU16At(out.current() - lengthAt - 2, lengthAt);
    }

    private void writeOwner(Name owner) {
      if (owner.equals(qname)) {
        out.writeU16(0xC000 | HEADER_LENGTH);
        return;
      }
      int i = targets.indexOf(owner);
      if (i >= 0) {
        out.writeU16(0xC000 | targetOffsets.get(i));
      } else {
        owner.toWire(out, null);
      }
    }

    /**
     * RDATA names are written whole: SRV targets must not be compressed (RFC 2782), and the others
     * gain little. Offsets past the pointer range (16 KB) are simply not remembered.
     */
    private void writeTarget(Name target) {
      int at = base + out.current();
      if (at < 0x4000 && !targets.contains(target)) {
        if (targets.isEmpty()) {
          targets = new ArrayList<>(4);
          targetOffsets = new ArrayList<>(4);
        }
        targets.add(target);
        targetOffsets.add(at);
      }
      target.toWire(out, null);
    }
  }

  private static boolean sameSizes(List<List<Record>> variants) {
    if (variants == null || variants.isEmpty()) {
      return false;
    }
    int size = variants.get(0).size();
    return variants.stream().allMatch(v -> v.size() == size);
  }
}
