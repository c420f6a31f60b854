package dev.wayfinder.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Records every probe outcome and state change per service, in order, so tests can check that a
 * change came only after the configured number of consecutive results.
 */
final class RecordingMetrics implements HealthMetrics {
  /** A state change and how many probes of its service had completed when it happened. */
  record Change(StateChange change, int probesBefore) {}

  private final Map<String, List<ProbeOutcome>> outcomes = new ConcurrentHashMap<>();
  private final Map<String, List<Change>> changes = new ConcurrentHashMap<>();
  volatile Supplier<Map<EndpointState, Integer>> counts;

  @Override
  public void probeCompleted(String service, ProbeOutcome outcome, Duration duration) {
    List<ProbeOutcome> list = outcomes.computeIfAbsent(service, s -> new ArrayList<>());
    synchronized (list) {
      list.add(outcome);
    }
  }

  @Override
  public void stateChanged(StateChange change) {
    List<ProbeOutcome> probes = outcomes(change.service());
    changes.computeIfAbsent(change.service(), s -> new ArrayList<>());
    List<Change> list = changes.get(change.service());
    synchronized (list) {
      list.add(new Change(change, probes.size()));
    }
  }

  @Override
  public void registerEndpointCounts(Supplier<Map<EndpointState, Integer>> counts) {
    this.counts = counts;
  }

  List<ProbeOutcome> outcomes(String service) {
    List<ProbeOutcome> list = outcomes.getOrDefault(service, List.of());
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  List<Change> changes(String service) {
    List<Change> list = changes.getOrDefault(service, List.of());
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  int probes(String service) {
    return outcomes(service).size();
  }
}
