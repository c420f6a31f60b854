package dev.wayfinder.zone;

import java.util.Arrays;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The general (dnsjava) path of a snapshot: whatever {@link ZoneSnapshot#find} answers, turned into
 * a message from the same precomputed tails, plus what has no precomputed tail: ANY, and the
 * search-list short-circuit ({@code N.<suffix> CNAME N}).
 */
final class GeneralAnswers {
  /** The types a node can hold, in the order ANY lists them. */
  private static final int[] NODE_TYPES = {
    Type.SOA, Type.NS, Type.A, Type.AAAA, Type.SRV, Type.PTR
  };

  private final ZoneSnapshot snapshot;

  GeneralAnswers(ZoneSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /** See {@link ZoneSnapshot#answer}. */
  Message answer(Message query) {
    Record question = query.getQuestion();
    if (question == null) {
      return null;
    }
    int qtype = question.getType();
    if (qtype == Type.AXFR || qtype == Type.IXFR) {
      // Transfers are the server's: it checks transfer.allow_from and streams transfer().
      byte[] lower = question.getName().toWireCanonical();
      return snapshot.find(lower, lower.length, Type.SOA) == null
          ? null
          : reply(query, Rcode.REFUSED);
    }
    return answer(query, question.getName(), qtype);
  }

  private Message answer(Message query, Name qname, int qtype) {
    byte[] lower = qname.toWireCanonical();
    ZoneAnswer fast = snapshot.find(lower, lower.length, qtype);
    if (fast == null) {
      return null;
    }
    if (fast != ZoneAnswer.SLOW) {
      return ResponseWire.toMessage(query, qname, qtype, fast, 0);
    }
    int entry = snapshot.entry(lower);
    if (entry >= 0) {
      return any(query, qname, entry);
    }
    return searchShortCircuit(query, qname, qtype, lower);
  }

  /**
   * ANY, answered minimally (RFC 8482 section 4.1): the name's first RRset in {@link #NODE_TYPES}
   * order (the apex's SOA, a service's A or else AAAA, a PTR), never the whole node, over UDP and
   * TCP alike, so that ANY is never a bigger answer than one type's; NODATA when the name has none.
   */
  private Message any(Message query, Name qname, int entry) {
    for (int type : NODE_TYPES) {
      if (snapshot.has(entry, type)) {
        Message out = reply(query, Rcode.NOERROR);
        Message part =
            ResponseWire.toMessage(query, qname, type, snapshot.answerAt(entry, type), 0);
        part.getSection(Section.ANSWER).forEach(r -> out.addRecord(r, Section.ANSWER));
        return out;
      }
    }
    return ResponseWire.toMessage(query, qname, Type.ANY, snapshot.noDataAt(entry), 0);
  }

  /**
   * {@code N.<search suffix>}: a CNAME to {@code N}, then {@code N}'s own answer (records,
   * authority and additional data), whose rcode the response takes (RFC 6604 2.1).
   */
  private Message searchShortCircuit(Message query, Name qname, int qtype, byte[] lower) {
    int prefixLength = snapshot.searchPrefix(lower, lower.length);
    Name target = targetName(lower, prefixLength);
    Message inner = answer(query, target, qtype);
    Message out = reply(query, inner.getRcode());
    long ttl = snapshot.soa().getMinimum();
    out.addRecord(new CNAMERecord(qname, DClass.IN, ttl, target), Section.ANSWER);
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      inner.getSection(section).forEach(r -> out.addRecord(r, section));
    }
    return out;
  }

  /** {@code N}: the first {@code prefixLength} bytes of labels, plus the root label. */
  private static Name targetName(byte[] lower, int prefixLength) {
    byte[] wire = Arrays.copyOf(lower, prefixLength + 1);
    wire[prefixLength] = 0;
    try {
      return new Name(wire);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a name prefix does not parse", e);
    }
  }

  /** An empty authoritative response to {@code query} with {@code rcode}. */
  private static Message reply(Message query, int rcode) {
    Message out = new Message(query.getHeader().getID());
    out.getHeader().setFlag(Flags.QR);
    out.getHeader().setFlag(Flags.AA);
    for (int flag : new int[] {Flags.RD, Flags.CD}) {
      if (query.getHeader().getFlag(flag)) {
        out.getHeader().setFlag(flag);
      }
    }
    out.getHeader().setRcode(rcode);
    out.addRecord(query.getQuestion(), Section.QUESTION);
    return out;
  }
}
