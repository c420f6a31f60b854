package dev.wayfinder.zone;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * Which endpoints of a service DNS answers with: the one place health turns into records (SPEC.md
 * "Endpoint state"). Publishers ({@code dev.wayfinder.publish}) use the same set, so DNS, RFC 2136
 * and webhooks never disagree.
 *
 * <ol>
 *   <li>Healthy endpoints ({@link EndpointState#healthy()}) of the lowest priority that has one
 *       (active-standby).
 *   <li>When none is healthy and the service fails open: every endpoint that fail-open may bring
 *       back ({@link EndpointState#failOpenEligible()}: never drained or maintenance ones).
 *   <li>Otherwise nothing: the name answers NODATA.
 * </ol>
 */
public final class AnswerSet {
  private AnswerSet() {}

  /** The endpoints to answer with, in config order. */
  public static List<Endpoint> of(Service service, HealthView health) {
    List<Endpoint> endpoints = service.endpoints();
    EndpointState[] states = new EndpointState[endpoints.size()];
    int bestPriority = Integer.MAX_VALUE;
    for (int i = 0; i < states.length; i++) {
      states[i] = health.state(service, endpoints.get(i));
      if (states[i].healthy()) {
        bestPriority = Math.min(bestPriority, endpoints.get(i).priority());
      }
    }
    int count = 0;
    for (int i = 0; i < states.length; i++) {
      count += answered(service, endpoints.get(i), states[i], bestPriority) ? 1 : 0;
    }
    if (count == endpoints.size()) {
      return endpoints; // the usual case: no list of its own
    }
    List<Endpoint> chosen = new ArrayList<>(count);
    for (int i = 0; i < states.length; i++) {
      if (answered(service, endpoints.get(i), states[i], bestPriority)) {
        chosen.add(endpoints.get(i));
      }
    }
    return List.copyOf(chosen);
  }

  /** The rules above for one endpoint, given the best priority with a healthy endpoint. */
  private static boolean answered(
      Service service, Endpoint e, EndpointState state, int bestPriority) {
    return bestPriority != Integer.MAX_VALUE
        ? state.healthy() && e.priority() == bestPriority
        : service.failOpen() && state.failOpenEligible();
  }
}
