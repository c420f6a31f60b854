package dev.wayfinder.zone;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * What one serial change did to the zone's records (RFC 1995 incremental transfer): the records
 * removed and the records added going from {@code fromSerial} to {@code toSerial}. A record whose
 * TTL changed is both removed (old TTL) and added (new TTL). The SOA is in neither list.
 *
 * @param fromSerial the serial before the change
 * @param toSerial the serial after it
 * @param deleted records of {@code fromSerial} not in {@code toSerial}
 * @param added records of {@code toSerial} not in {@code fromSerial}
 */
public record ZoneDiff(long fromSerial, long toSerial, List<Record> deleted, List<Record> added) {
  public ZoneDiff {
    deleted = List.copyOf(deleted);
    added = List.copyOf(added);
  }
}
