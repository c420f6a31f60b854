/**
 * Owns forwarding for names outside the zone: the upstream clients ({@link
 * dev.wayfinder.dns.forward.Upstreams}: UDP on Netty through a few long-lived sockets per upstream,
 * TCP through dnsjava on truncation) and the answer cache (Caffeine), which stores answers in wire
 * form so that a hit is a byte copy plus TTL patching, and a miss is stored from the reply's bytes;
 * hits near expiry refresh their entry in the background (prefetch).
 *
 * <p>The entry point is {@link dev.wayfinder.dns.forward.Forwarder}; its answers are {@link
 * dev.wayfinder.dns.forward.ForwardAnswer}s, written to the wire by the {@code dns} package.
 *
 * <p>May import {@code config} only (plus dnsjava, Netty and Caffeine). Nothing of the zone,
 * registry or health reaches this package: it knows upstream answers, not services.
 */
package dev.wayfinder.dns.forward;
