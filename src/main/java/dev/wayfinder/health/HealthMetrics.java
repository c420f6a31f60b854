package dev.wayfinder.health;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where health checking reports its numbers. Every method has a no-op default so the core never
 * imports a metrics library; the Micrometer/Prometheus binding implements this elsewhere (as
 * HikariCP's {@code MetricsTrackerFactory} does). Calls come from probe threads: implementations
 * must be thread-safe and must not block.
 */
public interface HealthMetrics {

  /** Reports nothing. */
  HealthMetrics NOOP = new HealthMetrics() {};

  /**
   * One probe finished ({@code wayfinder_health_probes_total{service,result}} and the probe
   * duration histogram).
   */
  default void probeCompleted(String service, ProbeOutcome outcome, Duration duration) {}

  /** An endpoint's reported state changed. */
  default void stateChanged(StateChange change) {}

  /**
   * Called once at construction with a supplier of the number of endpoints in each state ({@code
   * wayfinder_endpoints{state}}); a gauge polls it. Every state is present in the map.
   */
  default void registerEndpointCounts(Supplier<Map<EndpointState, Integer>> counts) {}
}
