package dev.wayfinder.publish;

import java.time.Instant;

/**
 * How one target is doing, as {@code GET /api/v1/publish} reports it.
 *
 * @param type {@code "rfc2136"} or {@code "webhook"}
 * @param target what {@link PublishTarget#target()} says
 * @param status {@code "ok"}, {@code "failing"} or {@code "pending"} (nothing delivered yet)
 * @param lastSuccess when the last update succeeded, or {@code null}
 * @param lastError the last failure's message (never a secret), or {@code null}
 * @param pending how many services wait for delivery
 */
public record TargetStatus(
    String type,
    String target,
    String status,
    Instant lastSuccess,
    String lastError,
    int pending) {}
