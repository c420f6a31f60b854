package dev.wayfinder.zone;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * Which endpoints of a service DNS answers with: the one place health turns into records (SPEC.md
 * "Endpoint state"). Publishers use the same set, so DNS and RFC 2136 never disagree.
 *
 * <ol>
 *   <li>Healthy endpoints ({@link EndpointState#healthy()}) of the lowest priority that has one
 *       (active-standby).
 *   <li>When none is healthy and the service fails open: every endpoint that fail-open may bring
 *       back ({@link EndpointState#failOpenEligible()}: never drained or maintenance ones).
 *   <li>Otherwise nothing: the name answers NODATA.
 * </ol>
 */
final class AnswerSet {
  private AnswerSet() {}

  /** The endpoints to answer with, in config order. */
  static List<Endpoint> of(Service service, HealthView health) {
    List<Endpoint> endpoints = service.endpoints();
    EndpointState[] states = new EndpointState[endpoints.size()];
    int bestPriority = Integer.MAX_VALUE;
    for (int i = 0; i < states.length; i++) {
      states[i] = health.state(service, endpoints.get(i));
      if (states[i].healthy()) {
        bestPriority = Math.min(bestPriority, endpoints.get(i).priority());
      }
    }
    boolean[] answered = new boolean[states.length];
    int count = 0;
    for (int i = 0; i < states.length; i++) {
      answered[i] =
          bestPriority != Integer.MAX_VALUE
              ? states[i].healthy() && endpoints.get(i).priority() == bestPriority
              : service.failOpen() && states[i].failOpenEligible();
      count += answered[i] ? 1 : 0;
    }
    if (count == endpoints.size()) {
      return endpoints; // the usual case: no list of its own
    }
    List<Endpoint> chosen = new ArrayList<>(count);
    for (int i = 0; i < states.length; i++) {
      if (answered[i]) {
        chosen.add(endpoints.get(i));
      }
    }
    return List.copyOf(chosen);
  }
}
