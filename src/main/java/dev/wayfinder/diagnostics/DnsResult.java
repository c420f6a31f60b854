package dev.wayfinder.diagnostics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The DNS step: the target's host looked up (A and AAAA) through the daemon's upstreams.
 *
 * @param rcode the answer's RCODE ({@code NOERROR}, {@code NXDOMAIN}, {@code SERVFAIL}, ...), or
 *     {@code null} when no upstream answered
 * @param addresses the A then AAAA addresses of the answer, empty when none
 * @param upstream the upstream that answered ({@code IP:PORT}), or {@code null}
 * @param ms how long the step took, in milliseconds
 * @param error why the step failed (timeout, no upstreams), or {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DnsResult(
    String rcode, List<String> addresses, String upstream, long ms, String error) {
  public DnsResult {
    addresses = List.copyOf(addresses);
  }

  static DnsResult failed(String error, long ms) {
    return new DnsResult(null, List.of(), null, ms, error);
  }

  /** Answered NOERROR with at least one address: the target can be connected to. */
  @JsonIgnore
  public boolean ok() {
    return "NOERROR".equals(rcode) && !addresses.isEmpty();
  }
}
