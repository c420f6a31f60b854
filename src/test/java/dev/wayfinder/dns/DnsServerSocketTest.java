package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.dns.forward.ForwardAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A real {@link DnsServer} on loopback port 0, with a hand-made zone and real clients. */
class DnsServerSocketTest {
  private static final String WEB = "web.svc.cluster.local.";
  private RunningServer server;
  private InetSocketAddress address;

  @BeforeEach
  void start() throws IOException {
    byte[] tail = {(byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, (byte) 192, 0, 2, 1};
    Upstream upstream =
        (name, type, dclass) ->
            CompletableFuture.supplyAsync(() -> new ForwardAnswer(0, 1, 0, 0, tail));
    server =
        RunningServer.start(
            new DnsServer(TestConfigs.config(List.of(), null), new FakeAuthority(3), upstream));
    address = server.address();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void bindsUdpAndTcpOnTheSamePort() throws IOException {
    assertThat(address.getPort()).isPositive();
    Message udp = Clients.send(address, Queries.message(WEB, Type.A, DClass.IN), false);
    Message tcp = Clients.send(address, Queries.message(WEB, Type.A, DClass.IN), true);
    assertThat(udp.getSection(Section.ANSWER)).hasSize(1);
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(1);
    assertThat(tcp.getHeader().getFlag(Flags.AA)).isTrue();
  }

  @Test
  void truncatedUdpAnswerIsRetriedOverTcpByTheResolver() throws IOException {
    Message r =
        Clients.send(address, Queries.message("big.svc.cluster.local.", Type.A, DClass.IN), false);
    assertThat(r.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(r.getSection(Section.ANSWER)).hasSize(100);
  }

  @Test
  void forwardsOverBothTransports() throws IOException {
    Message udp = Clients.send(address, Queries.message("example.org.", Type.A, DClass.IN), false);
    Message tcp = Clients.send(address, Queries.message("example.org.", Type.A, DClass.IN), true);
    assertThat(udp.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(udp.getSection(Section.ANSWER)).hasSize(1);
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void answersDigAndKdig() throws Exception {
    assertThat(Clients.ask("dig", address, "+short", "+tries=1", "Web.svc.cluster.local", "A"))
        .containsExactly("10.0.0.1");
    assertThat(Clients.ask("dig", address, "+short", "+tries=1", "big.svc.cluster.local", "A"))
        .hasSize(100);
    assertThat(Clients.ask("kdig", address, "+tcp", "+short", "web.svc.cluster.local", "A"))
        .containsExactly("10.0.0.1");
    List<String> full = Clients.ask("kdig", address, "nope.svc.cluster.local", "A");
    assertThat(String.join("\n", full)).contains("NXDOMAIN").contains("aa");
  }

  @Test
  void answersPipelinedTcpQueries() throws IOException {
    try (Socket s = Clients.connect(address)) {
      int count = 20;
      for (int i = 0; i < count; i++) {
        Message q = Queries.message(i % 2 == 0 ? WEB : "example.org.", Type.A, DClass.IN);
        q.getHeader().setID(1000 + i);
        Clients.writeFrame(s, q.toWire());
      }
      Set<Integer> ids = new HashSet<>();
      for (int i = 0; i < count; i++) {
        Message r = Queries.parse(Clients.readFrame(s));
        assertThat(r.getSection(Section.ANSWER)).hasSize(1);
        ids.add(r.getHeader().getID());
      }
      assertThat(ids).hasSize(count);
    }
  }

  @Test
  void closesIdleTcpConnections() throws IOException {
    try (Socket s = Clients.connect(address)) {
      Clients.writeFrame(s, Queries.a(WEB));
      assertThat(Queries.parse(Clients.readFrame(s)).getSection(Section.ANSWER)).hasSize(1);
      s.setSoTimeout(15_000);
      assertThat(s.getInputStream().read()).as("closed by the server").isEqualTo(-1);
    }
  }

  @Test
  void survivesGarbageOverTcp() throws IOException {
    byte[] junk = new byte[64 * 1024];
    new Random(11).nextBytes(junk);
    try (Socket s = Clients.connect(address)) {
      OutputStream out = s.getOutputStream();
      try {
        out.write(junk);
        out.flush();
        InputStream in = s.getInputStream();
        while (in.read(new byte[4096]) >= 0) {
          // drain whatever FORMERRs come back until the server closes the connection
        }
      } catch (SocketException closedByServer) {
        // expected: the server hangs up on a peer that does not speak DNS
      }
    }
    try (Socket s = Clients.connect(address)) {
      Clients.writeFrame(s, Queries.a(WEB));
      assertThat(Queries.parse(Clients.readFrame(s)).getSection(Section.ANSWER)).hasSize(1);
    }
  }

  @Test
  void shortTcpFrameClosesTheConnection() throws IOException {
    try (Socket s = Clients.connect(address)) {
      Clients.writeFrame(s, new byte[5]);
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void survivesRandomUdpPackets() throws IOException {
    Random random = new Random(3);
    try (DatagramSocket socket = new DatagramSocket()) {
      for (int i = 0; i < 500; i++) {
        byte[] junk = new byte[random.nextInt(600)];
        random.nextBytes(junk);
        if (junk.length > 2 && i % 2 == 0) {
          junk[2] &= 0x7f; // half of them look like queries, so they reach the parser's depths
        }
        socket.send(new DatagramPacket(junk, junk.length, address));
      }
      byte[] header = Queries.a(WEB);
      socket.send(new DatagramPacket(header, 7, address));
    }
    Message r = Clients.send(address, Queries.message(WEB, Type.A, DClass.IN), false);
    assertThat(r.getSection(Section.ANSWER)).hasSize(1);
  }
}
