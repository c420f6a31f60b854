package dev.wayfinder.health;

import dev.wayfinder.registry.HealthSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The {@code dns} probe: one query over UDP to the endpoint (target {@code {}:53} by default) that
 * must come back NOERROR (RFC 1035 section 4.1.1); anything else (SERVFAIL, REFUSED, NXDOMAIN) or
 * no answer fails. An empty NOERROR answer (NODATA) passes: the server is up and authoritative.
 */
final class DnsProbe implements Probe {
  private final String target;
  private final Duration timeout;
  private final Name name;
  private final int type;

  DnsProbe(HealthSpec config) throws TextParseException {
    this.target = config.target();
    this.timeout = config.timeout();
    this.name = Name.fromString(config.query().name(), Name.root);
    this.type = Type.value(config.query().type());
  }

  @Override
  public ProbeResult check(InetAddress endpoint) throws InterruptedException {
    SimpleResolver resolver = new SimpleResolver(Targets.socketAddress(target, endpoint));
    resolver.setTimeout(timeout);
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    try {
      int rcode = resolver.send(query).getRcode();
      String detail = "DNS " + Rcode.string(rcode);
      return rcode == Rcode.NOERROR ? ProbeResult.pass(detail) : ProbeResult.fail(detail);
    } catch (SocketTimeoutException e) {
      return ProbeResult.timeout("DNS timeout");
    } catch (IOException e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("dns probe interrupted");
      }
      // dnsjava reports its own deadline as a plain IOException whose message says so.
      String message = String.valueOf(e.getMessage());
      return message.toLowerCase(java.util.Locale.ROOT).contains("timed out")
          ? ProbeResult.timeout("DNS timeout")
          : ProbeResult.fail("DNS: " + message);
    }
  }
}
