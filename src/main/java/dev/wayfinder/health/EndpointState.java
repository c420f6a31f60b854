package dev.wayfinder.health;

/** An endpoint's state as SPEC.md's "Endpoint state" paragraph defines it. */
public enum EndpointState {
  /** Not probed yet; counted as healthy. */
  UNKNOWN,
  HEALTHY,
  UNHEALTHY,
  /** Kept out of answers, still probed. */
  DRAINING,
  /** Out of answers (endpoint or whole service). */
  MAINTENANCE;

  /** True when the endpoint is answered in the normal (not fail-open) case. */
  public boolean healthy() {
    return this == UNKNOWN || this == HEALTHY;
  }

  /** True when fail-open may bring the endpoint back: never drained or maintenance ones. */
  public boolean failOpenEligible() {
    return this != DRAINING && this != MAINTENANCE;
  }
}
