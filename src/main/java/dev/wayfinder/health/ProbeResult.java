package dev.wayfinder.health;

/**
 * What one probe found.
 *
 * @param outcome pass, fail or timeout
 * @param detail a short human reason, e.g. {@code HTTP 503} or {@code connect timeout}; it becomes
 *     the event reason when the probe changes the state
 */
record ProbeResult(ProbeOutcome outcome, String detail) {

  static ProbeResult pass(String detail) {
    return new ProbeResult(ProbeOutcome.PASS, detail);
  }

  static ProbeResult fail(String detail) {
    return new ProbeResult(ProbeOutcome.FAIL, detail);
  }

  static ProbeResult timeout(String detail) {
    return new ProbeResult(ProbeOutcome.TIMEOUT, detail);
  }
}
