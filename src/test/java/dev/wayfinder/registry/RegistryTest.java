package dev.wayfinder.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.config.EndpointConfig;
import dev.wayfinder.config.ServiceConfig;
import dev.wayfinder.config.WayfinderConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry built from a config: services in file order, endpoints numbered, lists shared. */
class RegistryTest {
  private static final String YAML =
      """
      services:
        - name: web
          ports: [{name: http, port: 8080}]
          endpoints: [{address: 10.0.0.1, hostname: a}, {address: "2001:db8::1", weight: 5}]
        - name: api
          ports: [{name: http, port: 8080}]
          endpoints: [{address: 10.0.0.2}]
        - name: db
          ports: [{name: pg, port: 5432}]
      """;

  @Test
  void convertsEveryServiceInFileOrder() throws Exception {
    WayfinderConfig config = ConfigLoader.parse("r.yaml", YAML);

    List<Service> services = Registry.fromConfig(config).services();

    assertThat(services).extracting(Service::name).containsExactly("web", "api", "db");
    Service web = services.get(0);
    assertThat(web.endpoints())
        .extracting(EndpointConfig::ordinal, EndpointConfig::hostname, EndpointConfig::weight)
        .containsExactly(tuple(1, "a", 1), tuple(2, null, 5));
    assertThat(web.endpoints().get(1).isIpv4()).isFalse();
    assertThat(web.ports()).containsExactly(new Port("http", "tcp", 8080));
    assertThat(web.source()).isEqualTo(Service.Source.CONFIG);
    assertThat(web).isEqualTo(Registry.toService(config.services().get(0), Service.Source.CONFIG));
  }

  @Test
  void equalPortListsAreOneInstance() throws Exception {
    List<Service> services = Registry.fromConfig(ConfigLoader.parse("r.yaml", YAML)).services();

    assertThat(services.get(1).ports()).isSameAs(services.get(0).ports());
    assertThat(services.get(2).ports()).isNotSameAs(services.get(0).ports());
  }

  @Test
  void keepsTheConfigsEndpointListAndRenumbersOnlyAListOutOfOrder() throws Exception {
    WayfinderConfig config = ConfigLoader.parse("r.yaml", YAML);
    ServiceConfig web = config.services().get(0);

    assertThat(Registry.fromConfig(config).get("web").endpoints()).isSameAs(web.endpoints());

    EndpointConfig a = web.endpoints().get(0);
    EndpointConfig b = web.endpoints().get(1);
    ServiceConfig swapped =
        new ServiceConfig("web", 30, web.ports(), List.of(b, a), web.health(), true, 0);
    assertThat(Registry.toService(swapped, Service.Source.CONFIG).endpoints())
        .extracting(EndpointConfig::ordinal, EndpointConfig::address)
        .containsExactly(tuple(1, b.address()), tuple(2, a.address()));
  }
}
