package dev.wayfinder.dns.forward;

import static dev.wayfinder.dns.forward.Answers.lowerWire;
import static dev.wayfinder.dns.forward.Answers.toMessage;

import dev.wayfinder.config.CacheConfig;
import dev.wayfinder.config.ForwardConfig;
import dev.wayfinder.testing.CountingRelay;
import dev.wayfinder.testing.KnotPeer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;

/**
 * Set-up shared by the forwarder tests that count what reaches the upstream: one real Knot per test
 * class serving {@link Zones#EXAMPLE} and {@link Zones#LOW_SOA}, a fresh {@link CountingRelay} in
 * front of it for each test, and a forwarder on a {@link FakeTicker} that is stopped after each
 * test.
 */
abstract class CountedUpstreamTest {
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  @TempDir static Path knotDir;
  static KnotPeer knot;

  CountingRelay relay;
  final FakeTicker ticker = new FakeTicker();
  Forwarder forwarder;

  @BeforeAll
  static void startKnot() {
    Map<String, String> zones = new LinkedHashMap<>();
    zones.put("example.test.", Zones.EXAMPLE);
    zones.put("lowsoa.test.", Zones.LOW_SOA);
    knot = KnotPeer.primary(knotDir, zones);
  }

  @AfterAll
  static void stopKnot() {
    knot.close();
  }

  @BeforeEach
  void startRelay() throws IOException {
    relay = CountingRelay.start(knot.address());
  }

  @AfterEach
  void stopForwarderAndRelay() throws IOException {
    if (forwarder != null) {
      forwarder.stop(Duration.ofSeconds(1));
    }
    relay.close();
  }

  /** A forwarder to the relay with a 1000-entry cache of the given limits. */
  Forwarder forwarder(Duration maxTtl, Duration negativeTtl, Duration serveStale) {
    return forwarder(1000, maxTtl, negativeTtl, serveStale);
  }

  /** A forwarder to the relay with a cache of {@code maxEntries} and the given limits. */
  Forwarder forwarder(int maxEntries, Duration maxTtl, Duration negativeTtl, Duration serveStale) {
    ForwardConfig config =
        new ForwardConfig(
            List.of(relay.address()),
            List.of(),
            new CacheConfig(maxEntries, maxTtl, negativeTtl, serveStale),
            TIMEOUT);
    forwarder = new Forwarder(config, ticker);
    return forwarder;
  }

  /** Asks {@code forwarder} and reads its answer back as a message to {@code asked}. */
  static Message resolve(Forwarder forwarder, String asked, int qtype) throws Exception {
    ForwardAnswer answer =
        forwarder.resolve(lowerWire(asked), qtype, DClass.IN).get(10, TimeUnit.SECONDS);
    return toMessage(asked, qtype, answer);
  }
}
