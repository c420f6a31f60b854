package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.testing.DigRunner;
import dev.wayfinder.testing.FreePorts;
import dev.wayfinder.testing.PeerProcess;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} under ZGC with the launcher's GC flags sets ZGC's soft heap maximum from the live
 * set once the start-up garbage is collected (cli/HeapTarget): a figure far below the JVM's
 * maximum.
 */
class HeapTargetE2eTest {
  private static final Pattern SOFT_MAX = Pattern.compile("soft maximum now (\\d+) MB");

  @TempDir Path dir;

  @Test
  void softHeapMaximumFollowsTheLiveSetUnderZgc() throws Exception {
    int port = FreePorts.udpAndTcp();
    Path config = dir.resolve("wayfinder.yaml");
    Files.writeString(
        config, new E2eConfig(dir.resolve("data")).listen("127.0.0.1:" + port).yaml());
    List<String> jvm =
        List.of("-XX:+UseZGC", "-XX:-ZProactive", "-Xmx2g", "-Dwayfinder.heap.settle.ms=500");
    try (PeerProcess serve =
        PeerProcess.start(
            "serve", dir, ChildJvm.command(jvm, "serve", "--config", config.toString()))) {
      DigRunner dig = new DigRunner(new InetSocketAddress(FreePorts.loopback(), port));
      serve.awaitReady(Duration.ofSeconds(60), () -> dig.dig(fqdn("web"), "A").answered());
      serve.awaitReady(Duration.ofSeconds(60), () -> SOFT_MAX.matcher(serve.log()).find());

      Matcher m = SOFT_MAX.matcher(serve.log());
      long last = 0;
      while (m.find()) {
        last = Long.parseLong(m.group(1));
      }
      assertThat(last).as(serve.log()).isBetween(128L, 1024L);
      assertThat(dig.dig(fqdn("web"), "A").answered()).as("still serving").isTrue();
    }
  }
}
