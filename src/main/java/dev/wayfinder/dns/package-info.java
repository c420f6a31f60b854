/**
 * Owns the DNS wire server (Netty, UDP and TCP) and its request pipeline: parse, UDP rate limit
 * ({@code ResponseRateLimit}), ACL, zone answer, cache, forward, and the bounds of {@code
 * dns.limits}; and the zone's way out to secondaries: AXFR and IXFR ({@code ZoneTransfer}) and
 * NOTIFY on each serial change ({@code NotifySender}, on threads of its own). Every reply is
 * reported through {@link dev.wayfinder.dns.QueryObserver} (metrics and the query log bind it
 * elsewhere, so this package imports no metrics library).
 *
 * <p>May import {@code config} and {@code zone} (through {@link dev.wayfinder.zone.ZoneView}). Must
 * not import {@code registry} or {@code health}: it answers from snapshots only.
 */
package dev.wayfinder.dns;
