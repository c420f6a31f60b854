package dev.wayfinder.dns;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Questions the zone did not precompute ({@code ZoneAnswer.SLOW}: the search-list short-circuit,
 * ANY, ...): parsed with dnsjava, answered by {@link Authority#answer}, truncated by dnsjava to the
 * transport limit (it sets TC, RFC 2181 9).
 */
final class SlowPath implements QueryHandler {
  private static final Logger log = LoggerFactory.getLogger(SlowPath.class);

  private final Authority authority;
  private final QueryHandler notOurs;

  /**
   * @param notOurs where a question goes when the zone says the name is not ours after all
   */
  SlowPath(Authority authority, QueryHandler notOurs) {
    this.authority = authority;
    this.notOurs = notOurs;
  }

  @Override
  public int handle(Exchange ex) {
    Message query;
    try {
      query = new Message(ByteBufUtil.getBytes(ex.packet()));
    } catch (IOException e) {
      log.debug("dnsjava cannot parse query {}", ex.query().id, e);
      return Rcode.FORMERR;
    }
    Message response = authority.answer(query);
    if (response == null) {
      return notOurs.handle(ex);
    }
    prepare(response, ex.query());
    ex.send(Unpooled.wrappedBuffer(response.toWire(ex.sizeLimit())));
    return WRITTEN;
  }

  /** RD and CD copied, the server's own OPT instead of any the zone put there. */
  private static void prepare(Message response, WireQuery q) {
    response.getHeader().setID(q.id);
    if (q.recursionDesired()) {
      response.getHeader().setFlag(Flags.RD);
    }
    if (q.checkingDisabled()) {
      response.getHeader().setFlag(Flags.CD);
    }
    for (Record r : response.getSection(Section.ADDITIONAL)) {
      if (r instanceof OPTRecord) {
        response.removeRecord(r, Section.ADDITIONAL);
      }
    }
    if (q.hasOpt) {
      response.addRecord(
          new OPTRecord(WireQuery.SERVER_UDP_LIMIT, 0, 0), Section.ADDITIONAL);
    }
  }
}
