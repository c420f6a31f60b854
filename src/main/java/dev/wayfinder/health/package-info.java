/**
 * Owns endpoint health: probes ({@code http}, {@code https}, {@code tcp}, {@code dns}, {@code
 * command}), each endpoint's state machine (rise/fall thresholds, drain and maintenance overrides),
 * the probe scheduler, the events ring and the metrics hooks. The component is {@link
 * dev.wayfinder.health.HealthChecker}; the zone sees it only through {@link
 * dev.wayfinder.health.HealthView} and subscribes to {@link dev.wayfinder.health.StateChange}s.
 *
 * <p>May import {@code registry} (the services it probes come as the registry's batches, {@link
 * dev.wayfinder.health.HealthChecker#apply}). Must not touch config, zones or DNS.
 */
package dev.wayfinder.health;
