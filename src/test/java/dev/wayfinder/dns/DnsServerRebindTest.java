package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.FreePorts;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * {@link DnsServer#rebind}: a new {@code dns.listen} applied while serving, on real loopback
 * sockets. The server starts on {@code 127.0.0.1:0}, as {@link TestConfigs} writes it.
 */
class DnsServerRebindTest {
  private static final String WEB = "web.svc.cluster.local.";
  private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

  private DnsServer server;
  private InetSocketAddress first;

  @BeforeEach
  void start() throws IOException {
    server = new DnsServer(TestConfigs.config(List.of(), null), new FakeAuthority(1), null);
    server.start();
    first = server.boundAddresses().get(0);
  }

  @AfterEach
  void stop() {
    server.stop(Duration.ofSeconds(3));
  }

  @Test
  void anAddedAddressAnswersOverUdpTcpAndDig() throws IOException {
    InetSocketAddress added = freeLoopback();

    server.rebind(List.of(ANY_PORT, added));

    assertThat(server.boundAddresses()).containsExactly(first, added);
    assertAnswers(added);
    assertThat(Clients.ask("dig", added, "+short", "+tries=1", "web.svc.cluster.local", "A"))
        .containsExactly("10.0.0.1");
    assertAnswers(first);
  }

  @Test
  void aRemovedAddressStopsAnsweringAndFreesItsPortAndConnections() throws IOException {
    InetSocketAddress removed = freeLoopback();
    server.rebind(List.of(ANY_PORT, removed));
    try (Socket connection = Clients.connect(removed)) {
      Clients.writeFrame(connection, Queries.a(WEB));
      assertThat(Clients.readFrame(connection)).isNotEmpty();

      server.rebind(List.of(ANY_PORT));

      assertThat(server.boundAddresses()).containsExactly(first);
      assertThat(FreePorts.isFree(removed.getPort())).as("port released").isTrue();
      assertThat(connection.getInputStream().read()).as("its connection closed").isEqualTo(-1);
    }
    assertThat(udpAnswer(removed, Duration.ofMillis(300))).as("no answer").isNull();
    assertAnswers(first);
  }

  @Test
  void aKeptAddressAnswersEveryQueryThroughoutRebinds() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    List<String> outcomes = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> udpLoop =
        CompletableFuture.runAsync(() -> queryUntilStopped(first, running, outcomes));
    try (Socket kept = Clients.connect(first)) {
      for (int i = 0; i < 10; i++) {
        int before = outcomes.size();
        // Queries go out between the rebinds as well as during them.
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() > before + 2);
        server.rebind(List.of(ANY_PORT, freeLoopback()));
        server.rebind(List.of(ANY_PORT));
      }
      running.set(false);
      udpLoop.get();

      assertThat(outcomes).hasSizeGreaterThan(30).containsOnly("NOERROR");
      assertThat(server.boundAddresses()).containsExactly(first);
      Clients.writeFrame(kept, Queries.a(WEB));
      assertThat(Queries.parse(Clients.readFrame(kept)).getRcode()).isEqualTo(Rcode.NOERROR);
    }
  }

  @Test
  void portZeroIsKeptAsWrittenAndANewPortZeroEntryGetsItsOwnPort() throws IOException {
    server.rebind(List.of(ANY_PORT));
    assertThat(server.boundAddresses()).containsExactly(first);

    server.rebind(List.of(ANY_PORT, ANY_PORT));
    List<InetSocketAddress> two = server.boundAddresses();
    assertThat(two.get(0)).isEqualTo(first);
    assertThat(two.get(1).getPort()).isPositive().isNotEqualTo(first.getPort());
    assertAnswers(two.get(1));

    InetSocketAddress fixed = freeLoopback();
    server.rebind(List.of(fixed, ANY_PORT));
    assertThat(server.boundAddresses()).as("config order").containsExactly(fixed, first);
  }

  @Test
  void anAddressThatCannotBeBoundChangesNothing() throws IOException {
    InetSocketAddress kept = freeLoopback();
    server.rebind(List.of(ANY_PORT, kept));
    InetSocketAddress wouldBeAdded = freeLoopback();
    InetSocketAddress taken = freeLoopback();
    try (DatagramSocket udp = new DatagramSocket(taken);
        ServerSocket tcp = new ServerSocket(taken.getPort(), 1, taken.getAddress())) {
      assertThatThrownBy(() -> server.rebind(List.of(wouldBeAdded, taken)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("127.0.0.1 port " + taken.getPort());
    }
    assertThat(server.boundAddresses()).containsExactly(first, kept);
    assertThat(FreePorts.isFree(wouldBeAdded.getPort())).as("undone").isTrue();
    assertAnswers(first);
    assertAnswers(kept);
  }

  @Test
  void anAddressHeldByAListenerBeingRemovedIsTakenOverFromIt() throws IOException {
    // The port 0 entry's port written down: the same sockets cannot be bound twice, so the old
    // listener makes way.
    server.rebind(List.of(first));

    assertThat(server.boundAddresses()).containsExactly(first);
    assertAnswers(first);
  }

  @Test
  void whenTheTakeOverFailsTheListenerMakingWayIsPutBack() throws IOException {
    InetSocketAddress taken = freeLoopback();
    try (DatagramSocket udp = new DatagramSocket(taken);
        ServerSocket tcp = new ServerSocket(taken.getPort(), 1, taken.getAddress())) {
      assertThatThrownBy(() -> server.rebind(List.of(first, taken)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("127.0.0.1 port " + taken.getPort());
    }
    assertThat(server.boundAddresses()).containsExactly(first);
    assertAnswers(first);

    server.rebind(List.of(ANY_PORT));
    assertThat(server.boundAddresses()).as("still the port 0 entry").containsExactly(first);
  }

  private static InetSocketAddress freeLoopback() {
    return new InetSocketAddress(FreePorts.loopback(), FreePorts.udpAndTcp());
  }

  private static void assertAnswers(InetSocketAddress address) throws IOException {
    for (boolean tcp : new boolean[] {false, true}) {
      Message reply = Clients.send(address, Queries.message(WEB, Type.A, DClass.IN), tcp);
      assertThat(reply.getSection(Section.ANSWER)).as("answer over tcp=" + tcp).hasSize(1);
    }
  }

  /** Sends UDP queries one after another until {@code running} is false; one outcome each. */
  private static void queryUntilStopped(
      InetSocketAddress to, AtomicBoolean running, List<String> outcomes) {
    while (running.get()) {
      try {
        Message reply = udpAnswer(to, Duration.ofSeconds(2));
        outcomes.add(reply == null ? "timeout" : Rcode.string(reply.getRcode()));
      } catch (IOException e) {
        outcomes.add(e.toString());
      }
    }
  }

  /** The reply to one UDP query for {@link #WEB}, or null when none came within {@code wait}. */
  private static Message udpAnswer(InetSocketAddress to, Duration wait) throws IOException {
    try (DatagramSocket client = new DatagramSocket()) {
      client.setSoTimeout((int) wait.toMillis());
      byte[] query = Queries.a(WEB);
      client.send(new DatagramPacket(query, query.length, to));
      DatagramPacket reply = new DatagramPacket(new byte[512], 512);
      client.receive(reply);
      return Queries.parse(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
    } catch (SocketTimeoutException e) {
      return null;
    }
  }
}
