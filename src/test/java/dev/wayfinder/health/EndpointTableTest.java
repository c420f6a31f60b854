package dev.wayfinder.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lookups by address in small (scanned) and large (indexed) tables, and their order. */
class EndpointTableTest {
  private static List<EndpointHealth> endpoints(int n) throws Exception {
    List<EndpointHealth> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new EndpointHealth("s", InetAddress.getByName("10.0." + (i >> 8) + "." + (i & 255))));
    }
    return out;
  }

  @Test
  void findsEveryEndpointOfASmallAndALargeTable() throws Exception {
    for (int n : new int[] {1, 8, 9, 300}) {
      List<EndpointHealth> all = endpoints(n);
      EndpointTable table = EndpointTable.of(all);

      assertThat(table.size()).isEqualTo(n);
      assertThat(table.values()).containsExactlyElementsOf(all);
      for (EndpointHealth e : all) {
        assertThat(table.get(InetAddress.getByAddress(e.address().getAddress()))).isSameAs(e);
      }
      assertThat(table.get(InetAddress.getByName("192.0.2.1"))).isNull();
    }
  }
}
