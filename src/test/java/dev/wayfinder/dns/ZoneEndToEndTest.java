package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.zone.ZoneManager;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/** The server over a real {@link ZoneManager} built from a YAML config, with real clients. */
class ZoneEndToEndTest {
  private static final String YAML =
      """
      dns:
        listen: ["127.0.0.1:0"]
        zone: svc.cluster.local
        search: [svc.cluster.local]
        forward: {upstreams: []}
        transfer: {allow_from: ["127.0.0.0/8"], tsig: xfr-key}
      tsig_keys:
        - {name: xfr-key, algorithm: hmac-sha256, secret: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg=="}
      services:
        - name: web
          ports: [{name: http, protocol: tcp, port: 8080}]
          endpoints:
            - {address: 10.0.0.1, hostname: web-a}
            - {address: 10.0.0.2}
            - {address: "fd00::1"}
      """;

  private RunningServer server;
  private InetSocketAddress address;
  private WayfinderConfig config;

  @BeforeEach
  void start() throws Exception {
    config = ConfigLoader.parse("e2e.yaml", YAML);
    ZoneManager zone = new ZoneManager(config.dns(), HealthView.allHealthy(), config.services());
    server = RunningServer.start(new DnsServer(config, zone));
    address = server.address();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersServiceNamesOverUdpAndTcp() throws Exception {
    for (boolean tcp : new boolean[] {false, true}) {
      Message r =
          Clients.send(address, Queries.message("WEB.svc.cluster.local.", Type.A, DClass.IN), tcp);
      assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(r.getQuestion().getName().toString()).isEqualTo("WEB.svc.cluster.local.");
      assertThat(r.getSection(Section.ANSWER)).hasSize(2);
    }
  }

  @Test
  void answersNxdomainSrvAndRefusesOutsideNames() throws Exception {
    Message nx =
        Clients.send(address, Queries.message("nope.svc.cluster.local.", Type.A, DClass.IN), false);
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(nx.getSection(Section.AUTHORITY))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);
    Message srv =
        Clients.send(
            address,
            Queries.message("_http._tcp.web.svc.cluster.local.", Type.SRV, DClass.IN),
            false);
    assertThat(srv.getSection(Section.ANSWER)).hasSize(3);
    Message outside =
        Clients.send(address, Queries.message("example.org.", Type.A, DClass.IN), false);
    assertThat(outside.getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void searchListShortCircuitGoesThroughTheSlowPath() throws Exception {
    Message r =
        Clients.send(
            address,
            Queries.message("web.svc.cluster.local.svc.cluster.local.", Type.A, DClass.IN),
            false);
    assertThat(r.getSection(Section.ANSWER))
        .extracting(Record::getType)
        .contains(Type.CNAME, Type.A);
  }

  @Test
  void digAndKdigSeeTheZone() throws Exception {
    assertThat(Clients.ask("dig", address, "+short", "web-a.web.svc.cluster.local", "A"))
        .containsExactly("10.0.0.1");
    assertThat(Clients.ask("kdig", address, "+short", "+tcp", "web.svc.cluster.local", "AAAA"))
        .containsExactly("fd00::1");
  }

  @Test
  void signedTransferOfTheRealZone() throws Exception {
    TSIG key = TransferSigning.key(config.tsigKeys().get(0));
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(FakeAuthority.ORIGIN, address, key);
    xfr.setTimeout(Duration.ofSeconds(5));
    xfr.run();
    List<Record> records = xfr.getAXFR();
    assertThat(records.get(0).getType()).isEqualTo(Type.SOA);
    assertThat(records).extracting(Record::getType).contains(Type.NS, Type.A, Type.AAAA, Type.SRV);
  }
}
