package dev.wayfinder.health;

import static dev.wayfinder.health.Fixtures.LOCAL;
import static dev.wayfinder.health.Fixtures.LOCAL_2;
import static dev.wayfinder.health.Fixtures.health;
import static dev.wayfinder.health.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.config.HealthConfig;
import dev.wayfinder.config.IpLiteral;
import java.net.InetAddress;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A service's state machines: one per distinct address, in config order, however many. */
class ServiceHealthTest {
  private static final HealthConfig NONE = health(HealthConfig.Type.NONE, null);

  @Test
  void aRepeatedAddressGetsOneStateMachine() {
    ServiceHealth few = new ServiceHealth(service("web", NONE, LOCAL_2, LOCAL, LOCAL_2), c -> {});

    assertThat(few.endpoints()).extracting(EndpointHealth::address).containsExactly(LOCAL_2, LOCAL);
    assertThat(few.endpoint(LOCAL)).isSameAs(few.endpoints().get(1));
  }

  @Test
  void manyEndpointsToo() {
    InetAddress[] many =
        IntStream.range(0, 40)
            .mapToObj(i -> IpLiteral.toAddress("10.0.0." + (i % 30)))
            .toArray(InetAddress[]::new);

    ServiceHealth s = new ServiceHealth(service("big", NONE, many), c -> {});

    assertThat(s.endpoints()).hasSize(30);
    assertThat(s.endpoints().get(29).address()).isEqualTo(IpLiteral.toAddress("10.0.0.29"));
  }
}
