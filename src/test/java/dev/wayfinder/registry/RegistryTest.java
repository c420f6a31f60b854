package dev.wayfinder.registry;

import static dev.wayfinder.registry.Service.Source.API;
import static dev.wayfinder.registry.Service.Source.CLUSTER;
import static dev.wayfinder.registry.Service.Source.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {
  private final Registry registry = new Registry();
  private final List<RegistryChanges> heard = new ArrayList<>();

  RegistryTest() {
    registry.addListener(heard::add);
  }

  @Test
  void aBatchOfPutsAndRemovesIsOneVersionWithOneChangePerName() {
    ServiceSink api = registry.sink(API);
    api.apply(List.of(service("a", "10.0.0.1"), service("b", "10.0.0.2")), List.of());

    RegistryChanges second =
        api.apply(List.of(service("a", "10.0.0.9"), service("c", "10.0.0.3")), List.of("b"));

    assertThat(second.version()).isEqualTo(2);
    assertThat(second.changes())
        .extracting(ServiceChange::name, ServiceChange::added, ServiceChange::removed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", false, false),
            org.assertj.core.groups.Tuple.tuple("c", true, false),
            org.assertj.core.groups.Tuple.tuple("b", false, true));
    assertThat(second.changes().get(0).before().endpoints().get(0).address())
        .isEqualTo(address("10.0.0.1"));
    assertThat(registry.services()).extracting(Service::name).containsExactly("a", "c");
    assertThat(heard).extracting(RegistryChanges::version).containsExactly(1L, 2L);
  }

  @Test
  void writingWhatIsAlreadyServedChangesNothingAndKeepsTheVersion() {
    ServiceSink api = registry.sink(API);
    api.apply(List.of(service("a", "10.0.0.1")), List.of());

    RegistryChanges again = api.apply(List.of(service("a", "10.0.0.1")), List.of("nothing"));

    assertThat(again.changes()).isEmpty();
    assertThat(again.version()).isEqualTo(1);
    assertThat(registry.version()).isEqualTo(1);
    assertThat(heard).hasSize(1);
  }

  @Test
  void replaceAllRemovesWhatTheSourceNoLongerListsAndLeavesOtherSourcesAlone() {
    registry.sink(CONFIG).replaceAll(List.of(service("a", "10.0.0.1"), service("b", "10.0.0.2")));
    registry.sink(API).apply(List.of(service("x", "10.0.9.1")), List.of());

    RegistryChanges reload =
        registry
            .sink(CONFIG)
            .replaceAll(List.of(service("a", "10.0.0.1"), service("c", "1.2.3.4")));

    assertThat(reload.changes())
        .extracting(ServiceChange::name)
        .containsExactlyInAnyOrder("b", "c");
    assertThat(registry.services()).extracting(Service::name).containsExactly("a", "x", "c");
  }

  @Test
  void aNameFromTwoSourcesIsServedFromTheConfigFileThenTheApiThenTheCluster() {
    registry.sink(CLUSTER).apply(List.of(service("web", "10.0.0.3")), List.of());
    registry.sink(API).apply(List.of(service("web", "10.0.0.2")), List.of());
    assertThat(registry.get("web").source()).isEqualTo(API);

    registry.sink(CONFIG).replaceAll(List.of(service("web", "10.0.0.1")));
    assertThat(registry.get("web").source()).isEqualTo(CONFIG);
    assertThat(registry.get("web").endpoints().get(0).address()).isEqualTo(address("10.0.0.1"));

    // A shadowed write changes nothing served; the shadowed definition comes back when the
    // served one goes.
    assertThat(registry.sink(API).apply(List.of(service("web", "10.0.0.7")), List.of()).changes())
        .isEmpty();
    RegistryChanges back = registry.sink(CONFIG).replaceAll(List.of());
    assertThat(back.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.after().source()).isEqualTo(API));
    assertThat(registry.get("web").endpoints().get(0).address()).isEqualTo(address("10.0.0.7"));
  }

  @Test
  void heldByOthersNamesWhatAnotherSourceDefines() {
    registry.sink(API).apply(List.of(service("api-made", "10.0.0.1")), List.of());
    registry.sink(CONFIG).replaceAll(List.of(service("file-made", "10.0.0.2")));

    assertThat(registry.heldByOthers(CONFIG, List.of("file-made", "api-made", "new")))
        .containsExactly("api-made");
    assertThat(registry.heldByOthers(API, List.of("file-made", "api-made")))
        .containsExactly("file-made");
  }

  @Test
  void aSourceWritesItsOwnNameWhateverTheServiceSays() {
    registry.sink(API).apply(List.of(service("a", "10.0.0.1").withSource(CONFIG)), List.of());

    assertThat(registry.get("a").source()).isEqualTo(API);
    assertThat(registry.heldByOthers(CONFIG, List.of("a"))).containsExactly("a");
  }

  static Service service(String name, String... addresses) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (String a : addresses) {
      endpoints.add(new Endpoint(address(a), null, 1, 0, endpoints.size() + 1));
    }
    return new Service(name, 10, List.of(), endpoints, HealthSpec.NONE, true, 0, API);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
