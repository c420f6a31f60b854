package dev.wayfinder.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * One quick UDP question to a server that may not be up yet, for "wait until it answers" loops: a
 * short timeout, and no answer is a plain {@code false} rather than an exception.
 */
final class DnsProbe {
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  private DnsProbe() {}

  /** True when {@code server} sends any response to {@code zone SOA}, whatever its RCODE. */
  static boolean answersAtAll(InetSocketAddress server, String zone) {
    return soa(server, zone) != null;
  }

  /** True when {@code server} answers {@code zone SOA} with NOERROR: the zone is loaded. */
  static boolean servesZone(InetSocketAddress server, String zone) {
    Message response = soa(server, zone);
    return response != null && response.getRcode() == Rcode.NOERROR;
  }

  private static Message soa(InetSocketAddress server, String zone) {
    try {
      SimpleResolver resolver = new SimpleResolver(server);
      resolver.setTimeout(TIMEOUT);
      Name name = Name.fromString(KnotPeer.absolute(zone));
      return resolver.send(Message.newQuery(Record.newRecord(name, Type.SOA, DClass.IN)));
    } catch (IOException e) {
      return null; // not listening yet, or the answer was lost: ask again on the next poll
    }
  }
}
