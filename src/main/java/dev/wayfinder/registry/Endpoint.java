package dev.wayfinder.registry;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * One endpoint of a service, immutable. Its identity is its address: health state, probe history
 * and drain follow the address, so an endpoint keeps them when others are added or removed.
 *
 * @param address an IPv4 or IPv6 literal
 * @param hostname a DNS label giving the instance name {@code H.S.Z}, or {@code null} (default)
 * @param weight relative weight, 0 to 65535 (default 1): SRV weight, shuffle bias
 * @param priority tier, lower is preferred, 0 to 65535 (default 0): SRV priority, active-standby
 * @param ordinal 1-based position in the service's endpoint list; {@code S-N} names it
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
