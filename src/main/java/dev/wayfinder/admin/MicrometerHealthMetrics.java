package dev.wayfinder.admin;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthMetrics;
import dev.wayfinder.health.ProbeOutcome;
import dev.wayfinder.health.StateChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Health numbers as Micrometer meters, named as SPEC.md lists them once rendered for Prometheus:
 * {@code wayfinder_health_probes_total{service,result}}, {@code
 * wayfinder_health_probe_duration_seconds} (a histogram), {@code wayfinder_endpoints{state}} and
 * {@code wayfinder_health_state_changes_total{to}}.
 *
 * <p>Probe threads call this once per probe, 10,000 times a second for 10,000 endpoints probed
 * every second, so meters are looked up in a map keyed by service and outcome instead of being
 * re-registered (a registry lookup builds ids).
 */
public final class MicrometerHealthMetrics implements HealthMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter[]> probes = new ConcurrentHashMap<>();
  private final Map<EndpointState, Counter> changes = new ConcurrentHashMap<>();
  private final Timer duration;

  public MicrometerHealthMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.duration =
        Timer.builder("wayfinder.health.probe.duration")
            .description("Time one health probe took, whatever its result")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
  }

  @Override
  public void probeCompleted(String service, ProbeOutcome outcome, Duration took) {
    probes.computeIfAbsent(service, this::probeCounters)[outcome.ordinal()].increment();
    duration.record(took);
  }

  private Counter[] probeCounters(String service) {
    ProbeOutcome[] outcomes = ProbeOutcome.values();
    Counter[] counters = new Counter[outcomes.length];
    for (ProbeOutcome o : outcomes) {
      counters[o.ordinal()] =
          Counter.builder("wayfinder.health.probes")
              .description("Health probes finished, by service and result")
              .tag("service", service)
              .tag("result", o.label())
              .register(registry);
    }
    return counters;
  }

  @Override
  public void stateChanged(StateChange change) {
    changes
        .computeIfAbsent(
            change.to(),
            to ->
                Counter.builder("wayfinder.health.state.changes")
                    .description("Endpoint state changes, by the state entered")
                    .tag("to", to.name().toLowerCase(Locale.ROOT))
                    .register(registry))
        .increment();
  }

  @Override
  public void registerEndpointCounts(Supplier<Map<EndpointState, Integer>> counts) {
    for (EndpointState state : EndpointState.values()) {
      Gauge.builder("wayfinder.endpoints", counts, c -> c.get().getOrDefault(state, 0))
          .description("Endpoints by state")
          // Micrometer holds a gauge's object weakly; the supplier is a lambda nobody else keeps.
          .strongReference(true)
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }
}
