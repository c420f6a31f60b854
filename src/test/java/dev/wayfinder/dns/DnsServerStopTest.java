package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.dns.forward.ForwardAnswer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;

/** {@link DnsServer#stop}: in-flight answers go out, then everything closes within the timeout. */
class DnsServerStopTest {

  @Test
  void answersInFlightQueriesThenFreesThePortWithinTheTimeout() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    Upstream slow =
        (name, type, dclass) -> {
          asked.incrementAndGet();
          return CompletableFuture.supplyAsync(
              () -> new ForwardAnswer(Rcode.NXDOMAIN, 0, 0, 0, new byte[0]),
              CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        };
    DnsServer server = new DnsServer(TestConfigs.config(List.of(), null), new FakeAuthority(1), slow);
    server.start();
    InetSocketAddress address = server.boundAddresses().get(0);
    try (DatagramSocket client = new DatagramSocket();
        Socket idle = Clients.connect(address)) {
      byte[] query = Queries.a("example.org.");
      client.send(new DatagramPacket(query, query.length, address));
      await().atMost(Duration.ofSeconds(5)).untilAtomic(asked, org.hamcrest.Matchers.is(1));

      long started = System.nanoTime();
      server.stop(Duration.ofSeconds(2));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

      client.setSoTimeout(2000);
      DatagramPacket reply = new DatagramPacket(new byte[512], 512);
      client.receive(reply);
      Message r = Queries.parse(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
      assertThat(r.getRcode()).as("the in-flight answer went out").isEqualTo(Rcode.NXDOMAIN);
      assertThat(idle.getInputStream().read()).as("open connections closed").isEqualTo(-1);
    }
    try (DatagramSocket udp = new DatagramSocket(address);
        ServerSocket tcp = new ServerSocket(address.getPort(), 1, address.getAddress())) {
      assertThat(udp.getLocalPort()).isEqualTo(tcp.getLocalPort());
    }
  }
}
