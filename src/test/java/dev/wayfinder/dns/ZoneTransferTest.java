package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/** AXFR/IXFR against a real server: allow_from, message splitting, TSIG. */
class ZoneTransferTest {
  private static final int HOSTS = 2000;
  private static final String APEX = TestConfigs.ZONE + ".";
  private RunningServer server;

  private InetSocketAddress start(String tsig, String transferFrom) throws IOException {
    server =
        RunningServer.start(
            new DnsServer(
                TestConfigs.config(List.of(), tsig, transferFrom), new FakeAuthority(HOSTS), null));
    return server.address();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static List<Record> axfr(InetSocketAddress address, TSIG key) throws Exception {
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(FakeAuthority.ORIGIN, address, key);
    xfr.setTimeout(Duration.ofSeconds(5));
    xfr.run();
    return xfr.getAXFR();
  }

  @Test
  void transfersTheWholeZoneInSeveralMessages() throws Exception {
    InetSocketAddress address = start(null, "127.0.0.0/8");
    List<Record> records = axfr(address, null);
    assertThat(records.stream().filter(r -> r.getType() == Type.A)).hasSize(HOSTS);
    assertThat(records.get(0).getType()).isEqualTo(Type.SOA);

    List<Message> messages = rawTransfer(address, Queries.plain(APEX, Type.AXFR));
    assertThat(messages).hasSizeGreaterThan(1);
    assertThat(messages.get(0).getQuestion().getType()).isEqualTo(Type.AXFR);
    for (Message m : messages) {
      assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(m.getHeader().getID()).isEqualTo(Queries.ID);
      assertThat(m.numBytes()).isLessThanOrEqualTo(ZoneTransfer.MESSAGE_BUDGET);
    }
  }

  @Test
  void ixfrWithoutAClientSoaGetsAFullTransfer() throws Exception {
    InetSocketAddress address = start(null, "127.0.0.0/8");
    List<Message> messages = rawTransfer(address, Queries.plain(APEX, Type.IXFR));
    int records = messages.stream().mapToInt(m -> m.getSection(Section.ANSWER).size()).sum();
    assertThat(records).isEqualTo(HOSTS + 3);
  }

  @Test
  void refusesSourcesOutsideAllowFrom() throws Exception {
    InetSocketAddress address = start(null, "10.0.0.0/8");
    assertThatThrownBy(() -> axfr(address, null))
        .isInstanceOf(ZoneTransferException.class)
        .hasMessageContaining("REFUSED");
  }

  @Test
  void refusesNamesOtherThanTheApex() throws Exception {
    InetSocketAddress address = start(null, "127.0.0.0/8");
    try (Socket s = Clients.connect(address)) {
      Clients.writeFrame(s, Queries.plain("web." + APEX, Type.AXFR));
      assertThat(Queries.parse(Clients.readFrame(s)).getRcode()).isEqualTo(Rcode.REFUSED);
    }
  }

  @Test
  void signedTransferWithTheConfiguredKey() throws Exception {
    InetSocketAddress address = start(TestConfigs.KEY.name(), "127.0.0.0/8");
    TSIG key = TransferSigning.key(TestConfigs.KEY);
    List<Record> records = axfr(address, key);
    assertThat(records.stream().filter(r -> r.getType() == Type.A)).hasSize(HOSTS);

    Message query = Queries.message(APEX, Type.AXFR, DClass.IN);
    key.apply(query, null);
    List<Message> messages = rawTransfer(address, query.toWire());
    assertThat(messages).hasSizeGreaterThan(1);
    assertThat(messages)
        .allSatisfy(m -> assertThat(m.getTSIG()).as("every message signed").isNotNull());
  }

  @Test
  void unsignedTransferIsRefusedWhenAKeyIsRequired() throws Exception {
    InetSocketAddress address = start(TestConfigs.KEY.name(), "127.0.0.0/8");
    assertThatThrownBy(() -> axfr(address, null)).hasMessageContaining("REFUSED");
  }

  @Test
  void ixfrFollowsTheTransferKeyRules() throws Exception {
    InetSocketAddress address = start(TestConfigs.KEY.name(), "127.0.0.0/8");
    TSIG key = TransferSigning.key(TestConfigs.KEY);

    ZoneTransferIn unsigned = ZoneTransferIn.newIXFR(FakeAuthority.ORIGIN, 1, false, address, null);
    unsigned.setTimeout(Duration.ofSeconds(5));
    assertThatThrownBy(unsigned::run).hasMessageContaining("REFUSED");

    // This authority keeps no history: any serial gets the whole zone, signed.
    ZoneTransferIn signed = ZoneTransferIn.newIXFR(FakeAuthority.ORIGIN, 1, false, address, key);
    signed.setTimeout(Duration.ofSeconds(5));
    signed.run();
    assertThat(signed.isAXFR()).isTrue();
    assertThat(signed.getAXFR().stream().filter(r -> r.getType() == Type.A)).hasSize(HOSTS);
  }

  @Test
  void wrongKeyGetsNotauthWithBadkeyOrBadsig() throws Exception {
    InetSocketAddress address = start(TestConfigs.KEY.name(), "127.0.0.0/8");
    TSIG otherName = new TSIG(TSIG.HMAC_SHA256, new Name("other-key."), new byte[32]);
    TSIG otherSecret =
        new TSIG(TSIG.HMAC_SHA256, new Name(TestConfigs.KEY.name() + "."), new byte[32]);
    assertThat(rejectedWith(address, otherName)).isEqualTo(Rcode.BADKEY);
    assertThat(rejectedWith(address, otherSecret)).isEqualTo(Rcode.BADSIG);
  }

  @Test
  void digAndKdigTransferWithTsig() throws Exception {
    InetSocketAddress address = start(TestConfigs.KEY.name(), "127.0.0.0/8");
    String key = "hmac-sha256:" + TestConfigs.KEY.name() + ":" + TestConfigs.KEY.secret();
    for (String client : List.of("dig", "kdig")) {
      List<String> lines = Clients.ask(client, address, "-y", key, APEX, "AXFR");
      String out = String.join("\n", lines);
      assertThat(out)
          .as(client)
          .doesNotContainIgnoringCase("failure")
          .doesNotContainIgnoringCase("failed");
      assertThat(lines.stream().filter(l -> l.startsWith("host-"))).as(client).hasSize(HOSTS);
    }
  }

  private static int rejectedWith(InetSocketAddress address, TSIG key) throws IOException {
    Message query = Queries.message(APEX, Type.AXFR, DClass.IN);
    key.apply(query, null);
    try (Socket s = Clients.connect(address)) {
      Clients.writeFrame(s, query.toWire());
      Message r = Queries.parse(Clients.readFrame(s));
      assertThat(r.getHeader().getRcode()).isEqualTo(Rcode.NOTAUTH);
      assertThat(r.getSection(Section.ANSWER)).isEmpty();
      return r.getTSIG().getError();
    }
  }

  /** Reads transfer messages until the closing SOA (the second SOA seen). */
  private static List<Message> rawTransfer(InetSocketAddress address, byte[] query)
      throws IOException {
    List<Message> messages = new ArrayList<>();
    try (Socket s = Clients.connect(address)) {
      Clients.writeFrame(s, query);
      int soas = 0;
      while (soas < 2) {
        Message m = Queries.parse(Clients.readFrame(s));
        assertThat(m.getRcode()).isZero();
        messages.add(m);
        soas +=
            (int)
                m.getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.SOA).count();
      }
    }
    return messages;
  }
}
