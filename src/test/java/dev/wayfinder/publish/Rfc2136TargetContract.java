package dev.wayfinder.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.config.PublishConfig;
import dev.wayfinder.config.TsigKeyConfig;
import dev.wayfinder.testing.FreePorts;
import dev.wayfinder.testing.Rfc2136Primary;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * What {@link Rfc2136Target} does against a real primary, run once per server kind by the
 * subclasses: the published name follows the answer set, the rest of the zone stays, a wrong key is
 * reported and changes nothing, a restarted target catches up, drift is repaired, and an
 * unreachable server is retried until it answers.
 */
abstract class Rfc2136TargetContract {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final String WWW = "www.example.org.";

  @TempDir Path dir;
  private final List<AutoCloseable> started = new ArrayList<>();
  private final RecordingOutcomes outcomes = new RecordingOutcomes();

  /** Starts the server under test on {@code port} with its files in {@code dir}. */
  abstract Rfc2136Primary startPrimary(Path dir, int port);

  /** The result word for an update without a key, which the server's policy rejects. */
  abstract String unsignedUpdateResult();

  @AfterEach
  void stopAll() throws Exception {
    for (AutoCloseable c : started.reversed()) {
      c.close();
    }
  }

  @Test
  void publishesTheAnswerSetAndLeavesTheOtherRecords() throws Exception {
    Rfc2136Primary primary = primary(FreePorts.udpAndTcp());
    Rfc2136Target target = target(primary.server(), Rfc2136Primary.SECRET, Duration.ofMinutes(5));

    target.start(Map.of("web", addresses("10.0.0.1"), "api", addresses("10.9.9.9")));
    awaitAddresses(primary, "10.0.0.1");

    target.changed(change("web", "10.0.0.1", "10.0.0.2", "10.0.0.3", "fd00::1"));
    target.changed(change("api", "10.9.9.8"));
    awaitAddresses(primary, "10.0.0.2", "10.0.0.3", "fd00:0:0:0:0:0:0:1");

    assertThat(primary.txt(WWW)).containsExactly("not published");
    assertThat(primary.addresses("mail.example.org.")).containsExactly("192.0.2.25");
    assertThat(primary.addresses("ns1.example.org.")).containsExactly("192.0.2.53");
    assertThat(outcomes.reports()).contains("updated ok").doesNotContain("failing");
    assertThat(target.status().status()).isEqualTo("ok");
    assertThat(target.status().lastSuccess()).isNotNull();
  }

  @Test
  void theFactorySignsWithTheConfiguredKeyOfEachAlgorithm() throws Exception {
    Rfc2136Primary primary = primary(FreePorts.udpAndTcp());
    List<TsigKeyConfig> keys =
        List.of(
            new TsigKeyConfig(Rfc2136Primary.KEY, "hmac-sha256", Rfc2136Primary.SECRET),
            new TsigKeyConfig(Rfc2136Primary.KEY_512, "hmac-sha512", Rfc2136Primary.SECRET),
            new TsigKeyConfig(Rfc2136Primary.KEY_1, "hmac-sha1", Rfc2136Primary.SECRET));
    int n = 1;
    for (String key : List.of(Rfc2136Primary.KEY_512, Rfc2136Primary.KEY_1, Rfc2136Primary.KEY)) {
      Rfc2136Target target = Rfc2136Target.create(entry(primary.server(), key), keys, outcomes);
      started.add(() -> target.stop(Duration.ofSeconds(5)));
      String address = "10.0.2." + n++;
      target.start(Map.of("web", addresses(address)));
      awaitAddresses(primary, address);
      target.stop(Duration.ofSeconds(5));
    }
    assertThat(outcomes.reports()).containsOnly("updated ok");
    assertThat(Rfc2136Target.create(entry(primary.server(), null), keys, outcomes).target())
        .isEqualTo(primary.server() + " example.org");
  }

  @Test
  void aWrongSecretIsReportedAsBadsigAndLeavesTheZoneAlone() throws Exception {
    Rfc2136Primary primary = primary(FreePorts.udpAndTcp());
    Rfc2136Target target =
        target(primary.server(), Rfc2136Primary.WRONG_SECRET, Duration.ofMinutes(5));

    target.start(Map.of("web", addresses("10.0.0.1")));
    target.changed(change("web", "10.0.0.1", "10.0.0.2"));

    await("badsig reported").atMost(DEADLINE).until(() -> outcomes.count("updated badsig") >= 2);
    assertThat(outcomes.count("failing")).isEqualTo(1);
    assertThat(outcomes.reports()).doesNotContain("updated ok", "recovered");
    assertThat(target.status().status()).isEqualTo("failing");
    assertThat(target.status().lastError()).containsIgnoringCase("badsig");
    assertThat(primary.addresses(WWW)).containsExactly("192.0.2.99");
  }

  @Test
  void anUnsignedUpdateIsRejectedWithTheServersRcodeAndLeavesTheZoneAlone() throws Exception {
    Rfc2136Primary primary = primary(FreePorts.udpAndTcp());
    Rfc2136Target target = target(primary.server(), null, Duration.ofMinutes(5));

    target.start(Map.of("web", addresses("10.0.0.1")));

    String expected = "updated " + unsignedUpdateResult();
    await(expected).atMost(DEADLINE).until(() -> outcomes.count(expected) >= 2);
    assertThat(outcomes.count("failing")).isEqualTo(1);
    assertThat(target.status().lastError()).contains(unsignedUpdateResult().toUpperCase());
    assertThat(primary.addresses(WWW)).containsExactly("192.0.2.99");
  }

  @Test
  void aRestartedTargetCatchesUpWithAChangeMadeWhileItWasStopped() throws Exception {
    Rfc2136Primary primary = primary(FreePorts.udpAndTcp());
    Rfc2136Target first = target(primary.server(), Rfc2136Primary.SECRET, Duration.ofMinutes(5));
    first.start(Map.of("web", addresses("10.0.0.1")));
    awaitAddresses(primary, "10.0.0.1");
    first.stop(Duration.ofSeconds(5));

    assertThat(primary.addresses(WWW)).as("not withdrawn at stop").containsExactly("10.0.0.1");
    Rfc2136Target second = target(primary.server(), Rfc2136Primary.SECRET, Duration.ofMinutes(5));
    second.start(Map.of("web", addresses("10.0.0.4", "10.0.0.5")));
    awaitAddresses(primary, "10.0.0.4", "10.0.0.5");
  }

  @Test
  void aServiceWithoutASetAtStartIsReadBeforeItsFirstUpdate() throws Exception {
    Rfc2136Primary primary = primary(FreePorts.udpAndTcp());
    Rfc2136Target target = target(primary.server(), Rfc2136Primary.SECRET, Duration.ofMinutes(5));
    target.start(Map.of());
    target.changed(change("web", "192.0.2.99", "10.0.0.8"));
    awaitAddresses(primary, "10.0.0.8");
    assertThat(primary.txt(WWW)).containsExactly("not published");
  }

  @Test
  void reconcileRepairsARecordChangedBehindItsBack() throws Exception {
    Rfc2136Primary primary = primary(FreePorts.udpAndTcp());
    Rfc2136Target target = target(primary.server(), Rfc2136Primary.SECRET, Duration.ofMillis(300));
    target.start(Map.of("web", addresses("10.0.0.1", "10.0.0.2")));
    awaitAddresses(primary, "10.0.0.1", "10.0.0.2");

    primary.tamper(WWW, "10.0.0.66", "10.0.0.1");
    assertThat(primary.addresses(WWW)).containsExactly("10.0.0.2", "10.0.0.66");

    awaitAddresses(primary, "10.0.0.1", "10.0.0.2");
  }

  @Test
  void anUnreachableServerIsRetriedUntilItAnswersWithTheLatestSet() throws Exception {
    int port = FreePorts.udpAndTcp();
    Rfc2136Target target =
        target("127.0.0.1:" + port, Rfc2136Primary.SECRET, Duration.ofMinutes(5));
    target.start(Map.of("web", addresses("10.0.0.1")));
    await("unreachable reported")
        .atMost(DEADLINE)
        .until(() -> outcomes.count("updated unreachable") >= 2);
    target.changed(change("web", "10.0.0.1", "10.0.0.3"));
    assertThat(target.status().status()).isEqualTo("failing");

    Rfc2136Primary primary = primary(port);
    awaitAddresses(primary, "10.0.0.3");
    await("recovered reported").atMost(DEADLINE).until(() -> outcomes.count("recovered") == 1);
    assertThat(outcomes.count("failing")).isEqualTo(1);
    await().atMost(DEADLINE).until(() -> target.status().status().equals("ok"));
  }

  private Rfc2136Primary primary(int port) {
    Rfc2136Primary p = startPrimary(dir, port);
    started.add(p);
    return p;
  }

  private static PublishConfig entry(String server, String key) {
    return new PublishConfig(
        "rfc2136",
        server,
        "example.org",
        key,
        List.of(new PublishConfig.Record("web", "www.example.org", 30)),
        null);
  }

  private Rfc2136Target target(String server, String secret, Duration reconcile) {
    Rfc2136Target t =
        new Rfc2136Target(
            entry(server, secret == null ? null : Rfc2136Primary.KEY),
            secret == null
                ? null
                : new TSIG(
                    TSIG.HMAC_SHA256, Name.fromConstantString(Rfc2136Primary.KEY + "."), secret),
            outcomes,
            reconcile,
            new Backoff(Duration.ofMillis(50)),
            Duration.ofSeconds(2));
    started.add(() -> t.stop(Duration.ofSeconds(5)));
    return t;
  }

  private void awaitAddresses(Rfc2136Primary primary, String... expected) {
    await("www.example.org. = " + Arrays.toString(expected))
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(100))
        .ignoreException(IOException.class)
        .until(() -> primary.addresses(WWW).equals(Set.of(expected)));
  }

  private static AnswerSetChange change(String service, String before, String... after)
      throws UnknownHostException {
    return new AnswerSetChange(
        Instant.now(), service, service + ".svc.test.", addresses(before), addresses(after));
  }

  private static List<InetAddress> addresses(String... text) throws UnknownHostException {
    List<InetAddress> out = new ArrayList<>();
    for (String t : text) {
      out.add(InetAddress.getByName(t));
    }
    return out;
  }
}
