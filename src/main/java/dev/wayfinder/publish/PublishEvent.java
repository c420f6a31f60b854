package dev.wayfinder.publish;

import java.time.Instant;

/**
 * One change of a publish target between delivering and failing: the events feed shows it next to
 * the health changes, as EVENT with {@code "kind": "publish"}.
 *
 * @param time when it happened (wall clock)
 * @param target the target as {@code PublishTarget.target()} says it
 * @param failing {@code true} when the target started failing, {@code false} when it recovered
 * @param reason the failure's kind and message when it started failing, {@code "delivered"} when it
 *     recovered; never a secret
 */
public record PublishEvent(Instant time, String target, boolean failing, String reason) {

  /** {@code "ok"} or {@code "failing"}: the state before. */
  public String from() {
    return failing ? "ok" : "failing";
  }

  /** {@code "failing"} or {@code "ok"}: the state after. */
  public String to() {
    return failing ? "failing" : "ok";
  }
}
