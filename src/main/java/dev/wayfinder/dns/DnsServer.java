package dev.wayfinder.dns;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.zone.ZoneView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The DNS wire server: UDP and TCP on every {@code dns.listen} address. STUB: the dns package
 * fills this in.
 */
public final class DnsServer {

  public DnsServer(DnsConfig config, ZoneView zone) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Binds every listener (UDP and TCP on the same port; port 0 picks a free one shared by both).
   *
   * @throws IOException when an address cannot be bound; nothing stays bound then
   */
  public void start() throws IOException {
    throw new UnsupportedOperationException("TODO");
  }

  /** The bound addresses, one per {@code dns.listen} entry, in config order (after start). */
  public List<InetSocketAddress> boundAddresses() {
    throw new UnsupportedOperationException("TODO");
  }

  /** Closes the listeners, answers what is in flight, and waits at most {@code timeout}. */
  public void stop(Duration timeout) {
    throw new UnsupportedOperationException("TODO");
  }
}
