package dev.wayfinder.health;

import static dev.wayfinder.health.Fixtures.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.HealthSpec.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https probes against a real TLS server with a self-signed certificate. */
class HttpsProbeTest {
  @TempDir static Path dir;
  private static TlsServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = TlsServer.start(dir);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static ProbeResult probe(HealthSpec h) throws InterruptedException {
    try (Probe p = Probes.create(Fixtures.relaxed(h))) {
      return p.check(LOCAL);
    }
  }

  private static HealthSpec https() {
    return Fixtures.health(Type.HTTPS, server.target());
  }

  @Test
  void trustedThroughTheCaFilePasses() throws Exception {
    assertThat(probe(Fixtures.withTls(https(), server.caPem(), false)))
        .isEqualTo(ProbeResult.pass("HTTP 200"));
  }

  @Test
  void systemTrustRejectsTheSelfSignedCertificate() throws Exception {
    ProbeResult r = probe(https());
    assertThat(r.outcome()).isEqualTo(ProbeOutcome.FAIL);
    assertThat(r.detail()).startsWith("TLS: ");
  }

  @Test
  void insecureSkipsVerification() throws Exception {
    assertThat(probe(Fixtures.withTls(https(), null, true)))
        .isEqualTo(ProbeResult.pass("HTTP 200"));
  }

  @Test
  void aCaFileThatIsNotTheSignerIsRejected(@TempDir Path other) throws Exception {
    try (TlsServer stranger = TlsServer.start(other)) {
      ProbeResult r = probe(Fixtures.withTls(https(), stranger.caPem(), false));
      assertThat(r.outcome()).isEqualTo(ProbeOutcome.FAIL);
      assertThat(r.detail()).startsWith("TLS: ");
    }
  }

  @Test
  void anUnreadableCaFileFailsEveryProbeWithTheReason() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
    ProbeResult r = probe(Fixtures.withTls(https(), junk, false));
    assertThat(r.outcome()).isEqualTo(ProbeOutcome.FAIL);
    assertThat(r.detail()).startsWith("probe setup: ");
  }
}
