package dev.wayfinder.health;

import static dev.wayfinder.health.Fixtures.LOCAL;
import static dev.wayfinder.health.Fixtures.LOCAL_2;
import static dev.wayfinder.health.Fixtures.health;
import static dev.wayfinder.health.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.IpLiteral;
import java.net.InetAddress;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A service's state machines: one per distinct address, in config order, however many; for a
 * service nobody probes, only once something needs them.
 */
class ServiceHealthTest {
  private static final HealthSpec NONE = health(HealthSpec.Type.NONE, null);

  @Test
  void aRepeatedAddressGetsOneStateMachine() {
    ServiceHealth few = new ServiceHealth(service("web", NONE, LOCAL_2, LOCAL, LOCAL_2), c -> {});
    few.makeMachines();

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
    s.makeMachines();

    assertThat(s.endpoints()).hasSize(30);
    assertThat(s.endpoints().get(29).address()).isEqualTo(IpLiteral.toAddress("10.0.0.29"));
  }

  @Test
  void aServiceNobodyProbesHasNoMachinesUntilOneIsNeeded() {
    ServiceHealth s = new ServiceHealth(service("web", NONE, LOCAL, LOCAL_2), c -> {});

    assertThat(s.endpoints()).isEmpty();
    assertThat(s.endpoint(LOCAL)).isNull();
    assertThat(s.unmade()).isEqualTo(2);

    s.makeMachines();
    assertThat(s.endpoints()).extracting(EndpointHealth::address).containsExactly(LOCAL, LOCAL_2);
    assertThat(s.unmade()).isZero();
  }

  @Test
  void aNewVersionThatIsProbedGetsItsMachines() {
    ServiceHealth s = new ServiceHealth(service("web", NONE, LOCAL), c -> {});

    s.replace(service("web", NONE, LOCAL, LOCAL_2), (n, a) -> new EndpointHealth(n, a));
    assertThat(s.endpoints()).isEmpty();

    s.replace(
        service("web", health(HealthSpec.Type.TCP, "{}:1"), LOCAL_2),
        (n, a) -> new EndpointHealth(n, a));
    assertThat(s.probe()).isNotNull();
    assertThat(s.endpoints()).extracting(EndpointHealth::address).containsExactly(LOCAL_2);
    s.close();
  }
}
