package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.health.EndpointState;
import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.DigRunner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other probe types decide answers over the wire too: a TCP listener that closes, and a command
 * whose exit status the test flips (a file it checks for).
 */
class HealthProbeTypesE2eTest {
  static final Duration VERDICT = Duration.ofSeconds(10);

  @TempDir Path dir;
  ServerSocket listener;
  RunningDaemon daemon;
  DigRunner dig;

  @BeforeEach
  void start() throws Exception {
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int port = listener.getLocalPort();
    // 127.0.0.1 listens on the port; nothing listens on 127.0.0.2 there: refused at once.
    String services =
        """
        - name: tcp
          fail_open: false
          endpoints: [{address: 127.0.0.1}, {address: 127.0.0.2}]
          health: {type: tcp, target: "{}:%d", interval: 300ms, timeout: 300ms, rise: 1, fall: 2}
        - name: cmd
          fail_open: false
          endpoints: [{address: 10.9.3.1}, {address: 10.9.3.2}]
          health:
            type: command
            command: ["sh", "-c", "test ! -e %s/down-$WAYFINDER_ENDPOINT"]
            interval: 500ms
            timeout: 500ms
            rise: 1
            fall: 2
        """
            .formatted(port, dir);
    daemon = RunningDaemon.start(HealthYaml.config(dir.resolve("data"), services));
    dig = daemon.client();
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    listener.close();
  }

  @Test
  void aClosedTcpListenerTakesItsEndpointOut() throws Exception {
    awaitA("tcp", Set.of("127.0.0.1"));
    assertThat(daemon.daemon().health().state("tcp", InetAddress.getByName("127.0.0.2")))
        .isEqualTo(EndpointState.UNHEALTHY);

    listener.close();
    await("tcp NODATA")
        .atMost(VERDICT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> dig.dig(fqdn("tcp"), "A").answer().isEmpty());
    DigResult r = dig.dig(fqdn("tcp"), "A");
    assertThat(r.status()).as(r.raw()).isEqualTo("NOERROR");
  }

  @Test
  void aFailingCommandTakesItsEndpointOutAndAPassingOneBringsItBack() throws Exception {
    awaitA("cmd", Set.of("10.9.3.1", "10.9.3.2"));
    Path flag = Files.createFile(dir.resolve("down-10.9.3.2"));
    awaitA("cmd", Set.of("10.9.3.1"));
    assertThat(daemon.daemon().health().events())
        .anyMatch(
            e ->
                e.service().equals("cmd")
                    && e.to() == EndpointState.UNHEALTHY
                    && e.reason().contains("exit"));

    Files.delete(flag);
    awaitA("cmd", Set.of("10.9.3.1", "10.9.3.2"));
  }

  private void awaitA(String service, Set<String> expected) {
    await(service + " answers " + expected)
        .atMost(VERDICT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Set.copyOf(dig.dig(fqdn(service), "A").answers("A")).equals(expected));
  }
}
