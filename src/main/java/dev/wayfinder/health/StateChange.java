package dev.wayfinder.health;

import java.net.InetAddress;
import java.time.Instant;

/**
 * One change of an endpoint's reported state: the events ring keeps these, listeners receive them,
 * the admin API shows them as EVENT ({@code time, service, endpoint, from, to, reason}).
 *
 * @param time when it happened (wall clock)
 * @param service the service's name
 * @param endpoint the endpoint's address
 * @param from the state before
 * @param to the state after, never equal to {@code from}
 * @param reason why: a probe detail such as {@code HTTP 503}, or an operation such as {@code
 *     drained}
 */
public record StateChange(
    Instant time,
    String service,
    InetAddress endpoint,
    EndpointState from,
    EndpointState to,
    String reason) {

  @Override
  public String toString() {
    return service
        + " "
        + endpoint.getHostAddress()
        + " "
        + from
        + " -> "
        + to
        + " ("
        + reason
        + ")";
  }
}
