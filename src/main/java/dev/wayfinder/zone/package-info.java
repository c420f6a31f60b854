/**
 * Owns the zone: immutable {@link dev.wayfinder.zone.ZoneSnapshot}s built from the registry and
 * health verdicts, with every answer precomputed in wire format, and the single atomic reference
 * that publishes the current one.
 *
 * <p>A snapshot is built whole ({@code SnapshotBuilder}), or derived from the previous one for a
 * batch of per-service changes ({@code ServiceChanges}): registry changes through {@link
 * dev.wayfinder.zone.ZoneManager#apply} and verdict changes through {@link
 * dev.wayfinder.zone.ZoneManager#healthChanged} are coalesced per service name ({@code Coalescer})
 * and applied on one rebuild thread. A derived version shares every page it does not write, adds
 * new names after the whole build's ({@code AddedNames}), and marks removed names dead in their
 * node words; once derived versions have added enough, the next version is built whole.
 *
 * <p>Each serial change is kept ({@code ZoneHistory}: the last changes, for IXFR, read through
 * {@link dev.wayfinder.zone.ZoneView#changes}) and told to the serial listeners ({@link
 * dev.wayfinder.zone.ZoneView#addSerialListener}: NOTIFY).
 *
 * <p>May import {@code config}, {@code registry}, {@code health}. Must not import {@code dns}: the
 * server reads snapshots through {@link dev.wayfinder.zone.ZoneView}; the zone calls back only the
 * serial listeners handed to it there.
 */
package dev.wayfinder.zone;
