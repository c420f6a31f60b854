package dev.wayfinder.dns;

import dev.wayfinder.zone.ZoneAnswer;
import dev.wayfinder.zone.ZoneDiff;
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

  /**
   * The answer records of an IXFR (RFC 1995 4) from a secondary at {@code clientSerial}: the
   * current SOA alone when the client is current (or newer), the incremental form when the zone
   * knows the changes since, else the full transfer ({@link #transfer}). This default always
   * answers with the full transfer.
   */
  default List<Record> incremental(long clientSerial) {
    return transfer();
  }

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

      @Override
      public List<Record> incremental(long clientSerial) {
        ZoneSnapshot snap = view.current();
        if (!IncrementalTransfer.isOlder(clientSerial, snap.serial())) {
          return List.of(snap.soa());
        }
        List<ZoneDiff> steps = view.changes(clientSerial, snap.serial());
        return steps == null ? snap.transfer() : IncrementalTransfer.records(snap.soa(), steps);
      }
    };
  }
}
