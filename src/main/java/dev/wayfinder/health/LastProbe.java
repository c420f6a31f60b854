package dev.wayfinder.health;

import java.time.Instant;

/**
 * The most recent probe of one endpoint, as the admin API shows it ({@code last_probe}).
 *
 * @param time when the probe finished (wall clock)
 * @param ok whether it passed
 * @param detail its reason, e.g. {@code HTTP 200} or {@code connection refused}
 * @param latencyMs how long it took, in milliseconds
 */
public record LastProbe(Instant time, boolean ok, String detail, long latencyMs) {}
