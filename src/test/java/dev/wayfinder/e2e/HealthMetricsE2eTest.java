package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes and endpoint states reach the daemon's Prometheus meters under SPEC.md's names. */
class HealthMetricsE2eTest {
  @TempDir Path dir;

  RunningDaemon daemon;
  ServerSocket listener;

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    if (listener != null) {
      listener.close();
    }
  }

  @Test
  void probesAndStatesAreScrapedWithSpecNames() throws Exception {
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    // 127.0.0.1 accepts; nothing listens on 127.0.0.2 at that port, so its probes fail.
    String services =
        """
        - name: db
          endpoints: [{address: 127.0.0.1}, {address: 127.0.0.2}]
          health: {type: tcp, target: "{}:%d", interval: 300ms, timeout: 300ms, rise: 1, fall: 1}
        """
            .formatted(listener.getLocalPort());
    daemon = RunningDaemon.start(HealthYaml.config(dir.resolve("data"), services));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              System.gc(); // gauges must survive a collection (Micrometer holds them weakly)
              String text = daemon.daemon().metrics().scrape();
              assertThat(text)
                  .contains("wayfinder_health_probes_total{result=\"pass\",service=\"db\"}")
                  .contains("wayfinder_health_probes_total{result=\"fail\",service=\"db\"}")
                  .contains("wayfinder_endpoints{state=\"healthy\"} 1.0")
                  .contains("wayfinder_endpoints{state=\"unhealthy\"} 1.0")
                  .contains("wayfinder_health_probe_duration_seconds_bucket");
            });
  }
}
