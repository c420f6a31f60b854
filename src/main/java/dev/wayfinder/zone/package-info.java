/**
 * Owns the zone: immutable {@link dev.wayfinder.zone.ZoneSnapshot}s built from the registry and
 * health verdicts, with every answer precomputed in wire format, and the single atomic reference
 * that publishes the current one.
 *
 * <p>May import {@code config}, {@code registry}, {@code health}. Must not import {@code dns}: the
 * server reads snapshots through {@link dev.wayfinder.zone.ZoneView}, the zone never calls back.
 */
package dev.wayfinder.zone;
