package dev.wayfinder.health;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One service's endpoint state machines by address, immutable: a change of the service builds a new
 * table. Most services have a handful of endpoints, found by a scan of one array; a concurrent map
 * per service would cost a table per service and a node per endpoint. Large services get a hash
 * index as well.
 */
final class EndpointTable {
  /** Up to this many endpoints a linear scan beats hashing the address. */
  private static final int SCAN_LIMIT = 8;

  private final EndpointHealth[] all;

  /** Only when there are more than {@link #SCAN_LIMIT} endpoints. */
  private final Map<InetAddress, EndpointHealth> index;

  private EndpointTable(EndpointHealth[] all) {
    this.all = all;
    if (all.length > SCAN_LIMIT) {
      Map<InetAddress, EndpointHealth> m = HashMap.newHashMap(all.length);
      for (EndpointHealth e : all) {
        m.put(e.address(), e);
      }
      this.index = m;
    } else {
      this.index = null;
    }
  }

  /** A table of {@code endpoints}, whose addresses are distinct. */
  static EndpointTable of(Collection<EndpointHealth> endpoints) {
    return new EndpointTable(endpoints.toArray(EndpointHealth[]::new));
  }

  /** A table of {@code endpoints} (distinct addresses), which it keeps: the caller drops it. */
  static EndpointTable of(EndpointHealth[] endpoints) {
    return new EndpointTable(endpoints);
  }

  EndpointHealth get(InetAddress address) {
    if (index != null) {
      return index.get(address);
    }
    for (EndpointHealth e : all) {
      if (e.address().equals(address)) {
        return e;
      }
    }
    return null;
  }

  /** Every endpoint, in the order the table was made with. */
  List<EndpointHealth> values() {
    return Collections.unmodifiableList(Arrays.asList(all));
  }

  int size() {
    return all.length;
  }
}
