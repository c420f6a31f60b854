package dev.wayfinder.config;

import java.time.Duration;

/**
 * The {@code dns.forward.cache:} section.
 *
 * @param maxEntries most cached answers (default 100000)
 * @param maxTtl cap on any cached TTL (default 1h)
 * @param negativeTtl cap on NXDOMAIN/NODATA caching, RFC 2308 (default 30s)
 * @param serveStale how long past expiry an answer may be served when upstreams fail, RFC 8767
 *     (default 0s = never)
 */
public record CacheConfig(
    long maxEntries, Duration maxTtl, Duration negativeTtl, Duration serveStale) {}
