package dev.wayfinder.publish;

import java.time.Instant;

/** One target's state for GET /api/v1/publish. */
public record TargetStatus(
    String type,
    String target,
    String status,
    Instant lastSuccess,
    String lastError,
    int pending) {}
