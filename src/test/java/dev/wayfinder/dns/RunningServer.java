package dev.wayfinder.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A {@link DnsServer} started for one test on the address its config names (loopback port 0 in
 * {@link TestConfigs}); the test closes it in {@code @AfterEach}, which stops it.
 */
final class RunningServer implements AutoCloseable {
  private final DnsServer server;

  private RunningServer(DnsServer server) {
    this.server = server;
  }

  /** Starts {@code server}; its UDP and TCP listeners are bound when this returns. */
  static RunningServer start(DnsServer server) throws IOException {
    server.start();
    return new RunningServer(server);
  }

  /** The first listener's real address (UDP and TCP share the port). */
  InetSocketAddress address() {
    return server.boundAddresses().get(0);
  }

  @Override
  public void close() {
    server.stop(Duration.ofSeconds(3));
  }
}
