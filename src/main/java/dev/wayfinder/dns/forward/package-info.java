/**
 * Owns forwarding for names outside the zone: the upstream clients ({@link
 * dev.wayfinder.dns.forward.Upstreams}, dnsjava's {@code SimpleResolver} over UDP with TCP on
 * truncation) and the answer cache (Caffeine), which stores answers in wire form so that a hit is
 * a byte copy plus TTL patching.
 *
 * <p>The entry point is {@link dev.wayfinder.dns.forward.Forwarder}; its answers are {@link
 * dev.wayfinder.dns.forward.ForwardAnswer}s, written to the wire by the {@code dns} package.
 *
 * <p>May import {@code config} only (plus dnsjava and Caffeine). Nothing of the zone, registry or
 * health reaches this package: it knows upstream answers, not services.
 */
package dev.wayfinder.dns.forward;
