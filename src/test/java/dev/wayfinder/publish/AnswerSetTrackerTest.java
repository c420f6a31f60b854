package dev.wayfinder.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.IpLiteral;
import dev.wayfinder.registry.Service;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answer sets a publisher hands on: the zone's rules, sorted as text, only real changes. */
class AnswerSetTrackerTest {
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  final Map<String, EndpointState> states = new HashMap<>();
  final HealthView health = (s, e) -> states.getOrDefault(text(e.address()), EndpointState.HEALTHY);
  final Map<String, Service> services = new HashMap<>();
  final AnswerSetTracker tracker = new AnswerSetTracker("svc.example");

  @Test
  void aChangeThatKeepsTheSetEmitsNothing() {
    put(service("web", true, "10.0.0.2", "10.0.0.10", "10.0.0.1"));
    Map<String, List<InetAddress>> start = tracker.reset(services.values(), health);
    assertThat(start.get("web"))
        .extracting(AnswerSetTracker::text)
        .containsExactly("10.0.0.1", "10.0.0.10", "10.0.0.2");

    // unknown answers like healthy; a new order of the same endpoints is the same set
    states.put("10.0.0.1", EndpointState.UNKNOWN);
    assertThat(recompute("web")).isEmpty();
    put(service("web", true, "10.0.0.1", "10.0.0.2", "10.0.0.10"));
    assertThat(recompute("web")).isEmpty();
  }

  @Test
  void unhealthyAndDrainLeaveTheSetAndComeBack() {
    put(service("web", true, "10.0.0.1", "10.0.0.2", "10.0.0.3"));
    tracker.reset(services.values(), health);

    states.put("10.0.0.2", EndpointState.UNHEALTHY);
    AnswerSetChange down = single(recompute("web"));
    assertThat(down.name()).isEqualTo("web.svc.example.");
    assertThat(down.time()).isEqualTo(NOW);
    assertThat(texts(down.before())).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    assertThat(texts(down.after())).containsExactly("10.0.0.1", "10.0.0.3");

    states.put("10.0.0.3", EndpointState.DRAINING);
    AnswerSetChange drained = single(recompute("web"));
    assertThat(texts(drained.before())).containsExactly("10.0.0.1", "10.0.0.3");
    assertThat(texts(drained.after())).containsExactly("10.0.0.1");

    states.remove("10.0.0.2");
    AnswerSetChange up = single(recompute("web"));
    assertThat(texts(up.after())).containsExactly("10.0.0.1", "10.0.0.2");
  }

  @Test
  void failOpenPublishesEveryEndpointButDrainedOnesWhenNoneIsHealthy() {
    put(service("web", true, "10.0.0.1", "10.0.0.2", "10.0.0.3"));
    put(service("strict", false, "10.0.1.1"));
    tracker.reset(services.values(), health);

    states.put("10.0.0.1", EndpointState.UNHEALTHY);
    states.put("10.0.0.2", EndpointState.UNHEALTHY);
    states.put("10.0.0.3", EndpointState.DRAINING);
    states.put("10.0.1.1", EndpointState.UNHEALTHY);
    List<AnswerSetChange> changes = recompute("web", "strict");

    assertThat(changes).hasSize(2);
    AnswerSetChange web = changes.get(0);
    assertThat(texts(web.before())).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    assertThat(texts(web.after())).containsExactly("10.0.0.1", "10.0.0.2"); // fail open
    AnswerSetChange strict = changes.get(1);
    assertThat(texts(strict.before())).containsExactly("10.0.1.1");
    assertThat(strict.after()).isEmpty(); // fail_open: false → NODATA, nothing published
  }

  @Test
  void manyEndpointChangesOfOneMomentMakeOneChangePerService() {
    put(service("web", true, "10.0.0.1", "10.0.0.2", "10.0.0.3", "2001:db8::1"));
    tracker.reset(services.values(), health);

    states.put("10.0.0.1", EndpointState.UNHEALTHY);
    states.put("10.0.0.2", EndpointState.UNHEALTHY);
    states.put("2001:db8::1", EndpointState.MAINTENANCE);
    // the publisher notes the name once per endpoint change; the set of names has it once
    List<AnswerSetChange> changes = recompute("web");

    AnswerSetChange web = single(changes);
    assertThat(texts(web.before()))
        .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "2001:db8::1");
    assertThat(texts(web.after())).containsExactly("10.0.0.3");
    assertThat(recompute("web")).isEmpty();
  }

  @Test
  void anAddedServiceAndARemovedOneChangeFromAndToEmpty() {
    tracker.reset(services.values(), health);
    put(service("new", true, "10.0.2.1"));
    AnswerSetChange added = single(recompute("new"));
    assertThat(added.before()).isEmpty();
    assertThat(texts(added.after())).containsExactly("10.0.2.1");

    services.remove("new");
    AnswerSetChange removed = single(recompute("new"));
    assertThat(texts(removed.before())).containsExactly("10.0.2.1");
    assertThat(removed.after()).isEmpty();
  }

  private List<AnswerSetChange> recompute(String... names) {
    return tracker.recompute(List.of(names), services::get, health, NOW);
  }

  private static AnswerSetChange single(List<AnswerSetChange> changes) {
    assertThat(changes).hasSize(1);
    return changes.get(0);
  }

  private void put(Service s) {
    services.put(s.name(), s);
  }

  static Service service(String name, boolean failOpen, String... addresses) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < addresses.length; i++) {
      endpoints.add(new Endpoint(IpLiteral.toAddress(addresses[i]), null, 1, 0, i + 1));
    }
    return new Service(
        name, 10, List.of(), endpoints, HealthSpec.NONE, failOpen, 0, Service.Source.CONFIG);
  }

  static String text(InetAddress a) {
    return AnswerSetTracker.text(a);
  }

  static List<String> texts(List<InetAddress> addresses) {
    return addresses.stream().map(AnswerSetTracker::text).toList();
  }
}
