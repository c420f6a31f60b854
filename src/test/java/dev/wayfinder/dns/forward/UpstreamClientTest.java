package dev.wayfinder.dns.forward;

import static dev.wayfinder.dns.forward.Answers.lowerWire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.testing.CountingRelay;
import dev.wayfinder.testing.KnotPeer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The UDP client on its own: sockets reused and rotated (counted by the source ports a relay in
 * front of a real Knot sees), random IDs, and replies that must not be accepted (a spoofing socket
 * in the test plays the upstream, which a real peer cannot do).
 */
class UpstreamClientTest {
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  @TempDir static Path knotDir;
  static KnotPeer knot;
  static EventLoopGroup group;

  CountingRelay relay;
  UpstreamClient client;

  @BeforeAll
  static void startKnotAndLoop() {
    knot = KnotPeer.primary(knotDir, "example.test.", Zones.EXAMPLE);
    group = new NioEventLoopGroup(1);
  }

  @AfterAll
  static void stopKnotAndLoop() {
    knot.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @BeforeEach
  void startRelay() throws IOException {
    relay = CountingRelay.start(knot.address());
  }

  @AfterEach
  void stopClientAndRelay() throws IOException {
    if (client != null) {
      client.stop();
    }
    relay.close();
  }

  private UpstreamClient client(InetSocketAddress upstream, int sockets, int maxQueries) {
    client =
        new UpstreamClient(
            upstream,
            TIMEOUT,
            group,
            new UpstreamClient.SocketPolicy(sockets, maxQueries, Duration.ofHours(1), 100));
    return client;
  }

  private static CacheKey key(String name) {
    return new CacheKey(lowerWire(name), Type.A, DClass.IN);
  }

  private static byte[] ask(UpstreamClient client, CacheKey key) throws Exception {
    return client.send(key).get(10, TimeUnit.SECONDS);
  }

  @Test
  void queriesShareAFewLongLivedSocketsWithRandomIds() throws Exception {
    UpstreamClient client = client(relay.address(), 2, 1000);

    for (int i = 0; i < 30; i++) {
      byte[] reply = ask(client, key("www.example.test."));
      assertThat(WireReply.parse(reply).ancount()).isEqualTo(2);
    }

    assertThat(relay.udpQueries()).isEqualTo(30);
    assertThat(new HashSet<>(relay.udpSourcePorts())).hasSizeBetween(1, 2);
    List<Integer> ids =
        relay.queries().stream().map(q -> ((q[0] & 0xFF) << 8) | (q[1] & 0xFF)).toList();
    // 30 draws from 65,536: a repeat is unlikely (p < 1%), a sequence or a constant impossible.
    assertThat(new HashSet<>(ids)).hasSizeGreaterThan(25);
  }

  @Test
  void aSocketIsReplacedAfterItsQueryBudget() throws Exception {
    UpstreamClient client = client(relay.address(), 1, 3);

    for (int i = 0; i < 9; i++) {
      ask(client, key("www.example.test."));
    }

    Map<Integer, Long> queriesPerPort =
        relay.udpSourcePorts().stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(queriesPerPort)
        .hasSize(3)
        .allSatisfy((port, count) -> assertThat(count).isEqualTo(3));
  }

  @Test
  void aSocketIsReplacedAfterItsMaximumAge() throws Exception {
    client =
        new UpstreamClient(
            relay.address(),
            TIMEOUT,
            group,
            new UpstreamClient.SocketPolicy(1, 1000, Duration.ZERO, 100));

    for (int i = 0; i < 3; i++) {
      ask(client, key("www.example.test."));
    }

    assertThat(new HashSet<>(relay.udpSourcePorts())).hasSize(3);
  }

  @Test
  void queriesFromManyThreadsAllGetAnswersWhileSocketsRotate() throws Exception {
    UpstreamClient client = client(relay.address(), 2, 3);
    List<CompletableFuture<byte[]>> replies = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Thread> askers = new java.util.ArrayList<>();
    for (int t = 0; t < 8; t++) {
      askers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 25; i++) {
                      replies.add(client.send(key("www.example.test.")));
                    }
                  }));
    }
    for (Thread asker : askers) {
      asker.join();
    }

    // A socket retired by one thread while another's query is on its way to the loop must still
    // send that query before it closes.
    CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    assertThat(replies).hasSize(200);
    assertThat(relay.udpQueries()).isEqualTo(200);
  }

  @Test
  void repliesWithTheWrongIdQuestionOrSourceAreIgnored() throws Exception {
    try (DatagramSocket upstream = loopbackSocket();
        DatagramSocket impostor = loopbackSocket()) {
      upstream.setSoTimeout(5000);
      UpstreamClient client = client((InetSocketAddress) upstream.getLocalSocketAddress(), 1, 10);
      CompletableFuture<byte[]> reply = client.send(key("www.example.test."));
      DatagramPacket query = new DatagramPacket(new byte[512], 512);
      upstream.receive(query);
      Message asked = new Message(java.util.Arrays.copyOf(query.getData(), query.getLength()));
      int id = asked.getHeader().getID();

      send(upstream, query, reply(id ^ 1, "www.example.test.", "192.0.2.91"));
      send(upstream, query, reply(id, "wwx.example.test.", "192.0.2.92"));
      send(impostor, query, reply(id, "www.example.test.", "192.0.2.93"));
      send(upstream, query, reply(id, "WWW.example.TEST.", "192.0.2.94"));

      Message accepted = new Message(reply.get(10, TimeUnit.SECONDS));
      assertThat(accepted.getSection(Section.ANSWER))
          .singleElement()
          .extracting(Record::rdataToString)
          .isEqualTo("192.0.2.94");
    }
  }

  @Test
  void aSilentUpstreamTimesOut() throws Exception {
    try (DatagramSocket silent = loopbackSocket()) {
      UpstreamClient client =
          new UpstreamClient(
              (InetSocketAddress) silent.getLocalSocketAddress(),
              Duration.ofMillis(200),
              group,
              UpstreamClient.SocketPolicy.DEFAULT);
      this.client = client;

      CompletableFuture<byte[]> reply = client.send(key("www.example.test."));

      assertThat(reply)
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableThat()
          .withCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    }
  }

  private static DatagramSocket loopbackSocket() throws IOException {
    return new DatagramSocket(0, InetAddress.getLoopbackAddress());
  }

  private static void send(DatagramSocket from, DatagramPacket to, byte[] wire) throws IOException {
    from.send(new DatagramPacket(wire, wire.length, to.getSocketAddress()));
  }

  private static byte[] reply(int id, String name, String address) throws Exception {
    Message reply = new Message(id);
    reply.getHeader().setFlag(Flags.QR);
    Name owner = Name.fromString(name);
    reply.addRecord(Record.newRecord(owner, Type.A, DClass.IN), Section.QUESTION);
    reply.addRecord(
        new ARecord(owner, DClass.IN, 60, InetAddress.getByName(address)), Section.ANSWER);
    return reply.toWire();
  }
}
