package dev.wayfinder.store;

import java.util.List;
import java.util.Map;

/**
 * Everything the store holds, as read at start.
 *
 * @param services the services created through the API: name to JSON body, in name order
 * @param drains drained endpoints
 * @param maintenance the services in maintenance, in name order
 * @param endpointMaintenance endpoints in maintenance one by one
 */
public record StoredState(
    Map<String, String> services,
    List<EndpointKey> drains,
    List<String> maintenance,
    List<EndpointKey> endpointMaintenance) {

  /** Nothing stored. */
  public static final StoredState EMPTY =
      new StoredState(Map.of(), List.of(), List.of(), List.of());

  public StoredState {
    services = Map.copyOf(services);
    drains = List.copyOf(drains);
    maintenance = List.copyOf(maintenance);
    endpointMaintenance = List.copyOf(endpointMaintenance);
  }

  /** Nothing to restore besides services: no drain or maintenance of any kind. */
  public boolean noEndpointState() {
    return drains.isEmpty() && maintenance.isEmpty() && endpointMaintenance.isEmpty();
  }

  /**
   * One endpoint of one service.
   *
   * @param service the service's name
   * @param address the endpoint's address as text ({@code InetAddress.getHostAddress()})
   */
  public record EndpointKey(String service, String address) {}
}
