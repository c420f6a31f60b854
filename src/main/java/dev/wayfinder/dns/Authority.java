package dev.wayfinder.dns;

import dev.wayfinder.zone.ZoneAnswer;
import dev.wayfinder.zone.ZoneSnapshot;
import dev.wayfinder.zone.ZoneView;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * What the server needs from the zone, each call on the snapshot current at that moment. The
 * production implementation reads a {@link ZoneView}; tests hand in precomputed answers.
 */
interface Authority {
  /** See {@link ZoneSnapshot#find}: an answer, {@link ZoneAnswer#SLOW}, or null (not ours). */
  ZoneAnswer find(byte[] lowerName, int nameLength, int qtype);

  /** See {@link ZoneSnapshot#answer}: the full response, or null (not ours). */
  Message answer(Message query);

  /** The zone apex. */
  Name origin();

  /** Every record in AXFR order, SOA first and last (RFC 5936 2.2). */
  List<Record> transfer();

  /** Reads whatever snapshot {@code view} holds at each call; never locks. */
  static Authority of(ZoneView view) {
    return new Authority() {
      @Override
      public ZoneAnswer find(byte[] lowerName, int nameLength, int qtype) {
        return view.current().find(lowerName, nameLength, qtype);
      }

      @Override
      public Message answer(Message query) {
        return view.current().answer(query);
      }

      @Override
      public Name origin() {
        return view.current().origin();
      }

      @Override
      public List<Record> transfer() {
        return view.current().transfer();
      }
    };
  }
}
