package dev.wayfinder.dns;

import dev.wayfinder.config.Cidr;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/**
 * AXFR (RFC 5936) and IXFR (RFC 1995: the changes since the client's serial when the zone still
 * knows them, else a full AXFR-style transfer, as RFC 1995 4 allows) of the zone apex, over TCP
 * only (an IXFR over UDP is REFUSED like an AXFR), to sources in {@code dns.transfer.allow_from};
 * everything else is REFUSED. The zone streams as several messages of at most ~16 KiB, the first
 * with the question, all with AA. With a TSIG key configured the request must be signed with it and
 * every message of the reply is signed, each chained to the previous MAC (RFC 8945 5.3.1).
 */
final class ZoneTransfer implements QueryHandler {
  private static final Logger log = LoggerFactory.getLogger(ZoneTransfer.class);

  /** Soft size of one transfer message; well under the 65535 TCP limit, as servers commonly do. */
  static final int MESSAGE_BUDGET = 16 * 1024;

  private final Authority authority;
  private final List<Cidr> allowFrom;
  private final TSIG key;

  /**
   * @param key the key transfers must be signed with, or null when they need none
   */
  ZoneTransfer(Authority authority, List<Cidr> allowFrom, TSIG key) {
    this.authority = authority;
    this.allowFrom = List.copyOf(allowFrom);
    this.key = key;
  }

  @Override
  public int handle(Exchange ex) {
    WireQuery q = ex.query();
    if (ex.protocol() != QueryProtocol.TCP
        || q.qclass != RecordType.CLASS_IN
        || !Cidr.anyContains(allowFrom, ex.source().getAddress())
        || !isApex(q)) {
      return Rcode.REFUSED;
    }
    byte[] bytes = ByteBufUtil.getBytes(ex.packet());
    Message query;
    try {
      query = new Message(bytes);
    } catch (IOException e) {
      return Rcode.FORMERR;
    }
    TSIGRecord requestSig = query.getTSIG();
    if (requestSig != null || key != null) {
      int verdict = TransferSigning.verify(key, query, bytes);
      if (verdict == TransferSigning.UNSIGNED) {
        return Rcode.REFUSED;
      }
      if (verdict != Rcode.NOERROR) {
        ex.send(Unpooled.wrappedBuffer(TransferSigning.rejection(query, verdict, key).toWire()));
        return WRITTEN;
      }
    }
    stream(ex, query, requestSig, records(q, query));
    return WRITTEN;
  }

  private boolean isApex(WireQuery q) {
    byte[] apex = authority.origin().toWireCanonical();
    return apex.length == q.nameLength
        && Arrays.equals(apex, 0, apex.length, q.lowerName, 0, q.nameLength);
  }

  /**
   * AXFR: the whole zone. IXFR: from the serial of the SOA in the request's authority section (RFC
   * 1995 3); a request without one gets the whole zone.
   */
  private List<Record> records(WireQuery q, Message query) {
    if (q.qtype == Type.IXFR) {
      for (Record r : query.getSection(Section.AUTHORITY)) {
        if (r instanceof SOARecord soa) {
          return authority.incremental(soa.getSerial());
        }
      }
    }
    return authority.transfer();
  }

  /**
   * RFC 5936 2.2 (and RFC 1995 4): the records in order, starting and ending with the SOA; split
   * where a message would pass the budget.
   */
  private void stream(Exchange ex, Message query, TSIGRecord requestSig, List<Record> records) {
    Message msg = response(query, true);
    int size = 12 + query.getQuestion().toWire(Section.QUESTION).length;
    TSIGRecord previous = requestSig;
    boolean first = true;
    int sent = 0;
    for (Record r : records) {
      int len = r.toWire(Section.ANSWER).length;
      if (size + len > MESSAGE_BUDGET && msg.getHeader().getCount(Section.ANSWER) > 0) {
        previous = send(ex, msg, previous, first);
        first = false;
        sent++;
        msg = response(query, false);
        size = 12;
      }
      msg.addRecord(r, Section.ANSWER);
      size += len;
    }
    send(ex, msg, previous, first);
    log.debug("sent {} records of {} in {} messages", records.size(), authority.origin(), sent + 1);
  }

  private TSIGRecord send(Exchange ex, Message msg, TSIGRecord previous, boolean first) {
    if (previous != null && key != null) {
      key.apply(msg, previous, first);
    }
    ex.send(Unpooled.wrappedBuffer(msg.toWire()));
    return msg.getTSIG();
  }

  private static Message response(Message query, boolean withQuestion) {
    Message msg = new Message(query.getHeader().getID());
    msg.getHeader().setFlag(Flags.QR);
    msg.getHeader().setFlag(Flags.AA);
    if (withQuestion) {
      msg.addRecord(query.getQuestion(), Section.QUESTION);
    }
    return msg;
  }
}
