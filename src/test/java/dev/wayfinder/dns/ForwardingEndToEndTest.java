package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.testing.KnotPeer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The server with its real {@code Forwarder}, forwarding to knotd. */
class ForwardingEndToEndTest {
  private static final String ZONE =
      """
      $ORIGIN example.test.
      @   3600 IN SOA ns admin 1 3600 600 86400 300
      @   3600 IN NS  ns
      ns   300 IN A   127.0.0.1
      www  300 IN A   192.0.2.80
      """;

  @TempDir Path dir;
  private KnotPeer knot;
  private RunningServer server;
  private InetSocketAddress address;

  @BeforeEach
  void start() throws Exception {
    knot = KnotPeer.primary(dir, "example.test.", ZONE);
    server =
        RunningServer.start(
            new DnsServer(
                TestConfigs.config(List.of(knot.address()), null), new FakeAuthority(3), null));
    address = server.address();
  }

  @AfterEach
  void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (knot != null) {
        knot.close();
      }
    }
  }

  @Test
  void forwardsOverUdpAndTcpWithCasePreserved() throws Exception {
    for (boolean tcp : new boolean[] {false, true}) {
      Message r =
          Clients.send(address, Queries.message("WWW.Example.Test.", Type.A, DClass.IN), tcp);
      assertThat(r.getRcode()).isZero();
      assertThat(r.getHeader().getFlag(Flags.RA)).isTrue();
      assertThat(r.getHeader().getFlag(Flags.AA)).isFalse();
      assertThat(r.getQuestion().getName().toString()).isEqualTo("WWW.Example.Test.");
      assertThat(((ARecord) r.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress())
          .isEqualTo("192.0.2.80");
    }
  }

  @Test
  void cachedAnswerIsWrittenAgainBehindEachAskersQuestion() throws Exception {
    Message first =
        Clients.send(address, Queries.message("www.example.test.", Type.A, DClass.IN), false);
    for (String asked : new String[] {"WWW.EXAMPLE.TEST.", "wWw.ExAmPlE.tEsT."}) {
      Message hit = Clients.send(address, Queries.message(asked, Type.A, DClass.IN), false);
      assertThat(hit.getRcode()).isZero();
      assertThat(hit.getHeader().getFlag(Flags.RA)).isTrue();
      assertThat(hit.getQuestion().getName().toString()).isEqualTo(asked);
      assertThat(hit.getSection(Section.ANSWER)).hasSameSizeAs(first.getSection(Section.ANSWER));
      assertThat(hit.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.80");
      assertThat(hit.getSection(Section.ANSWER).get(0).getTTL())
          .isBetween(1L, first.getSection(Section.ANSWER).get(0).getTTL());
    }
  }

  @Test
  void forwardedNegativeAnswerKeepsItsRcode() throws Exception {
    Message r =
        Clients.send(address, Queries.message("nope.example.test.", Type.A, DClass.IN), false);
    assertThat(r.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(r.getSection(Section.AUTHORITY)).isNotEmpty();
  }

  @Test
  void pipelinedZoneAndForwardedQueriesAllAnswered() throws Exception {
    try (Socket s = Clients.connect(address)) {
      for (int i = 0; i < 10; i++) {
        String name = i % 2 == 0 ? "www.example.test." : "web.svc.cluster.local.";
        Message q = Queries.message(name, Type.A, DClass.IN);
        q.getHeader().setID(i);
        Clients.writeFrame(s, q.toWire());
      }
      for (int i = 0; i < 10; i++) {
        Message r = Queries.parse(Clients.readFrame(s));
        assertThat(r.getSection(Section.ANSWER))
            .as("answer to %d", r.getHeader().getID())
            .hasSize(1);
      }
    }
  }

  @Test
  void digThroughTheServer() throws Exception {
    assertThat(Clients.ask("dig", address, "+short", "www.example.test", "A"))
        .containsExactly("192.0.2.80");
  }
}
