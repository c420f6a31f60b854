package dev.wayfinder.config;

/**
 * The {@code dns.rate_limit:} section. Zero turns a limit off (the default for all three).
 *
 * @param globalRps responses per second for the whole server
 * @param perSourceRps responses per second per source address
 * @param perSourceBurst burst allowance per source address
 */
public record RateLimitConfig(int globalRps, int perSourceRps, int perSourceBurst) {}
