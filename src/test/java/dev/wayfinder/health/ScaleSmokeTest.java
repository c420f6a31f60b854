package dev.wayfinder.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.HealthSpec.Type;
import dev.wayfinder.registry.IpLiteral;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many endpoints at a 1 s interval on a small machine: every one is probed and decided, and probing
 * keeps going. Functional, not a benchmark: no timing assertion beyond a generous deadline. The
 * target names the server itself (no {@code {}}), so 2,000 endpoint addresses share one real HTTP
 * server.
 */
class ScaleSmokeTest {
  private static final int ENDPOINTS = 2000;

  @Test
  void twoThousandEndpointsAllGetDecidedAndKeepBeingProbed() throws Exception {
    FlipServer.warmUpHttpClient();
    try (FlipServer server = FlipServer.start();
        HealthChecker checker =
            new HealthChecker(HealthMetrics.NOOP, InstantSource.system(), 256, 1000)) {
      HealthSpec h =
          Fixtures.withTimeout(
              Fixtures.health(Type.HTTP, "http://127.0.0.1:" + server.port() + "/health"),
              Duration.ofSeconds(1),
              Duration.ofSeconds(1));
      InetAddress[] addresses = new InetAddress[ENDPOINTS];
      for (int i = 0; i < ENDPOINTS; i++) {
        addresses[i] = IpLiteral.toAddress("10.1." + (i / 250) + "." + (i % 250 + 1));
      }
      checker.update(List.of(Fixtures.service("big", h, addresses)));
      checker.start();

      await().atMost(Duration.ofSeconds(30)).until(checker::firstRoundDone);
      // A probe of the first burst may still fail on a loaded machine; rise = 2 brings it back.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> checker.endpointCounts().get(EndpointState.HEALTHY) == ENDPOINTS);
      int seen = server.requests();
      await().atMost(Duration.ofSeconds(30)).until(() -> server.requests() >= seen + 2 * ENDPOINTS);
      assertThat(checker.events()).hasSize(1000); // the ring's bound, not one per endpoint
    }
  }
}
