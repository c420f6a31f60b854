package dev.wayfinder.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wayfinder.config.DiagnosticsConfig;
import dev.wayfinder.config.DiagnosticsConfig.Target;
import dev.wayfinder.testing.FreePorts;
import dev.wayfinder.testing.KnotPeer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every classification against local servers: a real Knot authoritative for {@code diag.test.} as
 * the upstream, a port with nothing listening, a plain TCP listener, and TLS listeners with a
 * certificate for {@code tls.diag.test} made at test time, one of them refusing handshakes without
 * SNI. The diagnostics trust that certificate through their CA file.
 */
class DiagnosticsTest {
  private static final String ZONE =
      """
      $ORIGIN diag.test.
      @      300 IN SOA ns admin 1 3600 600 86400 300
      @      300 IN NS  ns
      ns     300 IN A   127.0.0.1
      tls    300 IN A   127.0.0.1
      other  300 IN A   127.0.0.1
      """;
  private static final Duration STEP = Duration.ofSeconds(2);

  @TempDir static Path dir;
  private static KnotPeer knot;
  private static TestCertificate cert;
  private static TlsServer sniOnly;
  private static TlsServer anyClient;
  private static TlsServer plain;

  @BeforeAll
  static void start() throws Exception {
    Path knotDir = Files.createDirectories(dir.resolve("knot"));
    knot = KnotPeer.primary(knotDir, "diag.test", ZONE);
    cert = TestCertificate.generate(dir, "tls.diag.test");
    sniOnly = TlsServer.tls(cert, true);
    anyClient = TlsServer.tls(cert, false);
    plain = TlsServer.plain();
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {sniOnly, anyClient, plain, knot}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static Map<String, TargetReport> run(
      DiagnosticsConfig config, List<InetSocketAddress> upstreams) {
    DiagnosticsReport report = new Diagnostics(config, upstreams).run();
    assertThat(report.targets()).hasSize(config.targets().size());
    return report.targets().stream()
        .collect(Collectors.toMap(TargetReport::target, Function.identity()));
  }

  private static int nothingListening() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void classifiesEachKindOfFailure() throws Exception {
    Target missing = new Target("missing.diag.test", 443);
    Target closed = new Target("tls.diag.test", nothingListening());
    Target noTls = new Target("tls.diag.test", plain.port());
    Target needsSni = new Target("tls.diag.test", sniOnly.port());
    Target healthy = new Target("tls.diag.test", anyClient.port());
    Target wrongName = new Target("other.diag.test", anyClient.port());
    DiagnosticsConfig config =
        new DiagnosticsConfig(
            List.of(missing, closed, noTls, needsSni, healthy, wrongName), STEP, cert.pem());

    Map<String, TargetReport> r = run(config, List.of(knot.address()));

    TargetReport nx = r.get(missing.toString());
    assertThat(nx.classification()).isEqualTo(Classification.DNS_RESOLUTION_FAILED);
    assertThat(nx.dns().rcode()).isEqualTo("NXDOMAIN");
    assertThat(nx.dns().addresses()).isEmpty();
    assertThat(nx.dns().upstream()).isEqualTo("127.0.0.1:" + knot.address().getPort());
    assertThat(nx.tcp()).isNull();

    TargetReport refused = r.get(closed.toString());
    assertThat(refused.classification()).isEqualTo(Classification.EGRESS_BLOCKED_OR_NETWORK);
    assertThat(refused.dns().rcode()).isEqualTo("NOERROR");
    assertThat(refused.dns().addresses()).containsExactly("127.0.0.1");
    assertThat(refused.tcp().ok()).isFalse();
    assertThat(refused.tcp().address()).isEqualTo("127.0.0.1:" + closed.port());
    assertThat(refused.tcp().error()).containsIgnoringCase("refused");
    assertThat(refused.tls()).isNull();

    TargetReport plainTcp = r.get(noTls.toString());
    assertThat(plainTcp.classification()).isEqualTo(Classification.TLS_HANDSHAKE_FAILED);
    assertThat(plainTcp.tcp().ok()).isTrue();
    assertThat(plainTcp.tls().ok()).isFalse();
    assertThat(plainTcp.tls().error()).isNotBlank();

    TargetReport sni = r.get(needsSni.toString());
    assertThat(sni.classification()).isEqualTo(Classification.TLS_SNI_REQUIRED);
    assertThat(sni.tls().ok()).as("with SNI: %s", sni.tls()).isTrue();
    assertThat(sni.tls().protocol()).startsWith("TLSv1.");
    assertThat(sni.tlsNoSni().ok()).isFalse();
    assertThat(sni.tlsNoSni().error()).isNotBlank();

    TargetReport ok = r.get(healthy.toString());
    assertThat(ok.classification()).as("%s", ok).isEqualTo(Classification.HEALTHY);
    assertThat(ok.tls().ok()).isTrue();
    assertThat(ok.tlsNoSni().ok()).isTrue();

    TargetReport mismatch = r.get(wrongName.toString());
    assertThat(mismatch.classification()).isEqualTo(Classification.TLS_HANDSHAKE_FAILED);
    assertThat(mismatch.tls().error()).contains("other.diag.test");
  }

  @Test
  void withoutTheCaFileTheSelfSignedCertificateFails() {
    Target healthy = new Target("tls.diag.test", anyClient.port());
    DiagnosticsConfig config = new DiagnosticsConfig(List.of(healthy), STEP, null);

    TargetReport r = run(config, List.of(knot.address())).get(healthy.toString());

    assertThat(r.classification()).isEqualTo(Classification.TLS_HANDSHAKE_FAILED);
    assertThat(r.tls().error()).containsIgnoringCase("certification path");
  }

  @Test
  void anUpstreamThatDoesNotAnswerIsPassedOverThenReported() throws Exception {
    Target healthy = new Target("tls.diag.test", anyClient.port());
    DiagnosticsConfig config =
        new DiagnosticsConfig(List.of(healthy), Duration.ofMillis(300), cert.pem());
    try (DatagramSocket silent =
        new DatagramSocket(new InetSocketAddress(FreePorts.loopback(), 0))) {
      InetSocketAddress mute = (InetSocketAddress) silent.getLocalSocketAddress();

      TargetReport fallback = run(config, List.of(mute, knot.address())).get(healthy.toString());
      TargetReport none = run(config, List.of(mute)).get(healthy.toString());

      assertThat(fallback.classification()).isEqualTo(Classification.HEALTHY);
      assertThat(fallback.dns().upstream()).isEqualTo("127.0.0.1:" + knot.address().getPort());
      assertThat(none.classification()).isEqualTo(Classification.DNS_RESOLUTION_FAILED);
      assertThat(none.dns().rcode()).isNull();
      assertThat(none.dns().error()).contains("timed out");
    }
  }

  @Test
  void aTargetStillRunningAtTheDeadlineIsReportedAsFarAsItGot() throws Exception {
    try (TlsServer silent = TlsServer.silent()) {
      Target stuck = new Target("tls.diag.test", silent.port());
      Target healthy = new Target("tls.diag.test", anyClient.port());
      DiagnosticsConfig config =
          new DiagnosticsConfig(List.of(stuck, healthy), Duration.ofSeconds(30), cert.pem());
      Diagnostics diagnostics =
          new Diagnostics(config, List.of(knot.address()), Duration.ofSeconds(3));

      long start = System.nanoTime();
      DiagnosticsReport report = diagnostics.run();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).isLessThan(Duration.ofSeconds(10));
      TargetReport cut = report.targets().get(0);
      assertThat(cut.tcp().ok()).isTrue();
      assertThat(cut.tls().ok()).isFalse();
      assertThat(cut.tls().error()).isEqualTo(TargetCheck.DEADLINE);
      assertThat(cut.classification()).isEqualTo(Classification.TLS_HANDSHAKE_FAILED);
      assertThat(report.targets().get(1).classification()).isEqualTo(Classification.HEALTHY);
    }
  }

  @Test
  void callersDuringARunShareItsReport() throws Exception {
    try (TlsServer silent = TlsServer.silent()) {
      Target stuck = new Target("tls.diag.test", silent.port());
      DiagnosticsConfig config =
          new DiagnosticsConfig(List.of(stuck), Duration.ofSeconds(30), cert.pem());
      Diagnostics diagnostics =
          new Diagnostics(config, List.of(knot.address()), Duration.ofSeconds(2));

      CompletableFuture<DiagnosticsReport> first = new CompletableFuture<>();
      Thread.ofVirtual().start(() -> first.complete(diagnostics.run()));
      await().atMost(Duration.ofSeconds(5)).until(() -> silent.accepted() > 0);
      DiagnosticsReport second = diagnostics.run();

      assertThat(second).isSameAs(first.get(5, TimeUnit.SECONDS));
      assertThat(diagnostics.run()).as("a run after it is a new one").isNotSameAs(second);
    }
  }

  @Test
  void noUpstreamsAndNoTargetsStillMakeAReport() {
    Target t = new Target("tls.diag.test", 443);
    DiagnosticsConfig config = new DiagnosticsConfig(List.of(t), STEP, null);

    TargetReport r = run(config, List.of()).get(t.toString());

    assertThat(r.classification()).isEqualTo(Classification.DNS_RESOLUTION_FAILED);
    assertThat(r.dns().error()).contains("no upstreams");
    assertThat(new Diagnostics(DiagnosticsConfig.NONE, List.of()).run().targets()).isEmpty();
  }

  @Test
  void serializesAsTheApiContract() throws Exception {
    Target missing = new Target("missing.diag.test", 443);
    Target needsSni = new Target("tls.diag.test", sniOnly.port());
    DiagnosticsConfig config = new DiagnosticsConfig(List.of(missing, needsSni), STEP, cert.pem());
    DiagnosticsReport report = new Diagnostics(config, List.of(knot.address())).run();

    JsonNode json = new ObjectMapper().valueToTree(report);

    JsonNode nx = json.get("targets").get(0);
    assertThat(nx.get("target").asText()).isEqualTo("missing.diag.test:443");
    assertThat(nx.get("dns").get("rcode").asText()).isEqualTo("NXDOMAIN");
    assertThat(nx.get("classification").asText()).isEqualTo("dns_resolution_failed");
    JsonNode sni = json.get("targets").get(1);
    assertThat(sni.get("classification").asText()).isEqualTo("tls_sni_required");
    assertThat(sni.get("tls_no_sni").get("ok").asBoolean()).isFalse();
    assertThat(sni.get("tls").get("protocol").asText()).startsWith("TLSv1.");
    assertThat(sni.get("tcp").get("ms").isNumber()).isTrue();
    assertThat(sni.get("dns").has("ok")).isFalse();
    assertThat(sni.get("dns").get("addresses").get(0).asText()).isEqualTo("127.0.0.1");
  }
}
