/**
 * Owns endpoint health: probes and the state of every endpoint. Others see it only through {@link
 * dev.wayfinder.health.HealthView}.
 *
 * <p>May import {@code config} and {@code registry}. Must not touch zones or DNS.
 */
package dev.wayfinder.health;
