package dev.wayfinder.registry;

import static dev.wayfinder.registry.Drafts.at;
import static dev.wayfinder.registry.Drafts.endpoints;
import static dev.wayfinder.registry.Drafts.named;
import static dev.wayfinder.registry.Drafts.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules between services, without YAML: names used twice and owner names that collide are the
 * later service's problems, at paths relative to it.
 */
class ServiceNamesTest {
  private static final String ZONE = "svc.test";

  static Stream<Arguments> clashes() {
    String label = "h".repeat(63);
    String service = String.join(".", "s".repeat(60), "t".repeat(60), "u".repeat(60));
    return Stream.of(
        arguments(List.of(named("web"), named("Web.")), "name", "duplicate service name: web"),
        arguments(
            List.of(endpoints("web", at("10.0.0.1")), named("web-1")),
            "name",
            "name web-1 of service web-1 collides with endpoint #1 of service web"),
        arguments(
            List.of(named("web-2"), endpoints("web", at("10.0.0.1"), at("10.0.0.2"))),
            "endpoints[1]",
            "name web-2 of endpoint #2 of service web collides with service web-2"),
        arguments(
            List.of(named("a.web"), endpoints("web", at("10.0.0.1", "a"))),
            "endpoints[0].hostname",
            "name a.web of endpoint #1 of service web collides with service a.web"),
        arguments(
            List.of(endpoints("a.b", at("10.0.0.1")), endpoints("b-1", at("10.0.0.2", "A"))),
            "endpoints[0].hostname",
            "name a.b-1 of endpoint #1 of service b-1 collides with endpoint #1 of service a.b"),
        arguments(
            List.of(endpoints(service, at("10.0.0.1", label))),
            "endpoints[0].hostname",
            "name " + label + "." + service + "." + ZONE + " is longer than 253"));
  }

  @ParameterizedTest(name = "[{index}] {1}: {2}")
  @MethodSource("clashes")
  void theLaterServiceGetsTheProblem(List<ServiceDraft> drafts, String path, String message) {
    List<ServiceProblem> last = claimAll(new ServiceNames(ZONE, 0), drafts);

    assertThat(last).containsExactly(new ServiceProblem(path, message));
  }

  @Test
  void namesThatOnlyLookPositionalDoNotCollide() {
    List<ServiceDraft> drafts =
        List.of(endpoints("web", at("10.0.0.1")), named("web-2"), named("web-01"), named("web-1x"));
    ServiceNames names = new ServiceNames(ZONE, 4);

    List<ServiceProblem> all = new ArrayList<>();
    drafts.forEach(d -> all.addAll(names.claim(d)));

    assertThat(all).isEmpty();
    assertThat(names.names()).containsExactlyInAnyOrder("web", "web-2", "web-01", "web-1x");
  }

  @Test
  void aServiceWithOtherProblemsStillHoldsItsNamesAndAnInvalidNameHoldsNone() {
    ServiceNames names = new ServiceNames(ZONE, 0);

    assertThat(names.claim(endpoints("web", weighted("10.0.0.1", 70000L, null)))).isEmpty();
    assertThat(names.claim(named("bad_name"))).isEmpty();
    assertThat(names.claim(named("ns"))).isEmpty();

    assertThat(names.names()).containsExactly("web");
    assertThat(names.claim(named("web-1")))
        .extracting(ServiceProblem::message)
        .containsExactly("name web-1 of service web-1 collides with endpoint #1 of service web");
  }

  /** Claims every draft in order; the problems of the last. */
  private static List<ServiceProblem> claimAll(ServiceNames names, List<ServiceDraft> drafts) {
    List<ServiceProblem> last = List.of();
    for (ServiceDraft d : drafts) {
      last = names.claim(d);
    }
    return last;
  }
}
