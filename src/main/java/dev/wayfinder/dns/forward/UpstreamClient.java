package dev.wayfinder.dns.forward;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * One upstream resolver, asked through dnsjava's {@link SimpleResolver}: UDP with EDNS(0) and a
 * 1232-byte payload, and TCP when the UDP answer comes back truncated (RFC 7766 section 5;
 * SimpleResolver does this retry itself unless told to ignore truncation).
 */
final class UpstreamClient {
  /** The EDNS(0) payload size advertised upstream (DNS Flag Day 2020: no IP fragmentation). */
  static final int EDNS_PAYLOAD = 1232;

  private final InetSocketAddress address;
  private final SimpleResolver resolver;
  private final Duration timeout;

  UpstreamClient(InetSocketAddress address, Duration timeout) {
    this.address = address;
    this.timeout = timeout;
    this.resolver = new SimpleResolver(address);
    resolver.setTimeout(timeout);
    resolver.setEDNS(0, EDNS_PAYLOAD, 0, List.of());
    resolver.setIgnoreTruncation(false);
  }

  InetSocketAddress address() {
    return address;
  }

  /**
   * Sends {@code query} and completes with the upstream's answer, or exceptionally on a network
   * error, a malformed answer or when {@code timeout} passes. The timeout bounds the whole
   * exchange, a TCP retry included (SimpleResolver times each transport on its own).
   */
  CompletableFuture<Message> send(Message query) {
    return resolver
        .sendAsync(query)
        .toCompletableFuture()
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return "upstream " + address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
