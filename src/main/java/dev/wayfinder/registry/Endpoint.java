package dev.wayfinder.registry;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * One endpoint of a service, immutable.
 *
 * @param address its IPv4 or IPv6 address
 * @param hostname a DNS label, or {@code null}
 * @param weight relative weight (SRV weight, shuffle bias)
 * @param priority tier, lower is preferred (SRV priority, active-standby)
 * @param ordinal 1-based position in the service's config order; {@code S-N} uses it
 */
public record Endpoint(
    InetAddress address, String hostname, int weight, int priority, int ordinal) {

  public boolean isIpv4() {
    return address instanceof Inet4Address;
  }

  /**
   * The instance label relative to the zone: {@code H.S} with a hostname, else {@code S-N}.
   *
   * @param service the owning service's name
   */
  public String instanceName(String service) {
    return hostname != null ? hostname + "." + service : service + "-" + ordinal;
  }
}
