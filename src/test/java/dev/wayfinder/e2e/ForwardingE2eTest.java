package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.DigRunner;
import dev.wayfinder.testing.UnboundPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "any name outside Z": forwarded through the cache to a real upstream (Unbound serving
 * {@code example.test} from local-data) when the source is in {@code forward.allow_from}, else
 * REFUSED; {@code allow_from} never limits zone answers. Unbound's own query counter shows what
 * reached the upstream.
 */
class ForwardingE2eTest {
  @TempDir static Path dir;
  static UnboundPeer upstream;
  static RunningDaemon daemon;
  static RunningDaemon closedDaemon;
  static DigRunner dig;

  @BeforeAll
  static void start() throws Exception {
    Path peerDir = Files.createDirectories(dir.resolve("unbound"));
    upstream =
        UnboundPeer.start(
            peerDir,
            "example.test",
            List.of(
                "example.test. 300 IN SOA ns.example.test. admin.example.test. 1 3600 600 86400 60",
                "www.example.test. 300 IN A 192.0.2.10",
                "twice.example.test. 300 IN A 192.0.2.20",
                "once.example.test. 300 IN A 192.0.2.30",
                "v6.example.test. 300 IN AAAA 2001:db8::30"));
    daemon =
        RunningDaemon.start(new E2eConfig(dir.resolve("a")).upstreams(upstream.hostPort()).yaml());
    closedDaemon =
        RunningDaemon.start(
            new E2eConfig(dir.resolve("b"))
                .upstreams(upstream.hostPort())
                .forwardAllow("10.99.0.0/16")
                .yaml());
    dig = daemon.client();
  }

  @AfterAll
  static void stop() {
    // Close all three even when one fails, so that Unbound is never left running.
    AssertionError failure = null;
    for (AutoCloseable c : new AutoCloseable[] {daemon, closedDaemon, upstream}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        failure = failure == null ? new AssertionError(e) : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Test
  void nameOutsideTheZoneResolvesThroughTheUpstream() {
    DigResult a = dig.dig("www.example.test.", "A");
    DigResult aaaa = dig.dig("v6.example.test.", "AAAA", "+tcp");

    assertThat(a.status()).as(a.raw()).isEqualTo("NOERROR");
    assertThat(a.answers("A")).containsExactly("192.0.2.10");
    assertThat(aaaa.answers("AAAA")).as(aaaa.raw()).containsExactly("2001:db8::30");
  }

  @Test
  void forwardedAnswerIsNotAuthoritative() {
    DigResult r = dig.dig("once.example.test.", "A");

    assertThat(r.answers("A")).as(r.raw()).containsExactly("192.0.2.30");
    assertThat(r.authoritative()).as("Wayfinder is not the authority for example.test").isFalse();
  }

  @Test
  void twoIdenticalQueriesReachTheUpstreamOnce() {
    long before = upstream.queriesSeen();
    DigResult first = dig.dig("twice.example.test.", "A");
    DigResult second = dig.dig("twice.example.test.", "A");

    assertThat(first.answers("A")).as(first.raw()).containsExactly("192.0.2.20");
    assertThat(second.answers("A")).as(second.raw()).containsExactly("192.0.2.20");
    assertThat(second.answer().get(0).ttl()).isLessThanOrEqualTo(300);
    assertThat(upstream.queriesSeen() - before).isEqualTo(1);
  }

  @Test
  void upstreamNxdomainIsCached() {
    long before = upstream.queriesSeen();
    DigResult first = dig.dig("missing.example.test.", "A");
    DigResult second = dig.dig("missing.example.test.", "A");

    assertThat(first.status()).as(first.raw()).isEqualTo("NXDOMAIN");
    assertThat(second.status()).as(second.raw()).isEqualTo("NXDOMAIN");
    // RFC 2308 §5: the negative answer keeps its SOA so that it can be cached downstream too.
    assertThat(second.authoritySoa().isOwnedBy("example.test.")).isTrue();
    assertThat(upstream.queriesSeen() - before).isEqualTo(1);
  }

  @Test
  void sourceOutsideAllowFromIsRefusedForOutsideNames() {
    long before = upstream.queriesSeen();
    DigResult r = closedDaemon.client().dig("www.example.test.", "A");

    assertThat(r.status()).as(r.raw()).isEqualTo("REFUSED");
    assertThat(r.answer()).isEmpty();
    assertThat(upstream.queriesSeen()).as("a refused query is never forwarded").isEqualTo(before);
  }

  @Test
  void allowFromNeverLimitsZoneAnswers() {
    DigRunner closed = closedDaemon.client();
    DigResult a = closed.dig(fqdn("web"), "A");
    DigResult nx = closed.dig(fqdn("nope"), "A");

    assertThat(a.status()).as(a.raw()).isEqualTo("NOERROR");
    assertThat(a.answers("A")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    assertThat(nx.status()).as(nx.raw()).isEqualTo("NXDOMAIN");
  }

  @Test
  void zoneNamesAreNeverForwarded() {
    long before = upstream.queriesSeen();
    DigResult r = dig.dig(fqdn("web"), "A");
    DigResult nx = dig.dig(fqdn("nothing-here"), "A");

    assertThat(r.authoritative()).isTrue();
    assertThat(nx.status()).isEqualTo("NXDOMAIN");
    assertThat(upstream.queriesSeen()).isEqualTo(before);
  }
}
