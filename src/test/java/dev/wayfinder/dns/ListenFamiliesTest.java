package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IPv4 listen addresses get IPv4 sockets and IPv6 ones dual-stack IPv6 sockets ({@link
 * Transport#udpFor}): both answer real clients, each reply going back to its asker's family.
 */
class ListenFamiliesTest {
  @Test
  void answersOnIpv4AndIpv6Loopback() throws Exception {
    List<InetSocketAddress> listen =
        List.of(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("::1", 0));
    DnsServer dns =
        new DnsServer(
            TestConfigs.config(listen, List.of(), null, "127.0.0.0/8"), new FakeAuthority(3), null);
    try (RunningServer server = RunningServer.start(dns)) {
      List<InetSocketAddress> bound = dns.boundAddresses();
      assertThat(bound).hasSize(2);
      for (InetSocketAddress at : bound) {
        assertThat(Clients.ask("dig", at, "+short", "+tries=1", "web.svc.cluster.local", "A"))
            .as("UDP on %s", at)
            .containsExactly("10.0.0.1");
        assertThat(Clients.ask("dig", at, "+short", "+tcp", "web.svc.cluster.local", "A"))
            .as("TCP on %s", at)
            .containsExactly("10.0.0.1");
      }
    }
  }
}
