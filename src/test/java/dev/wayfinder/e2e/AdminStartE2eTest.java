package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wayfinder.cli.Daemon;
import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.testing.FreePorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that cannot have its admin listener or its state database fails with one clear message
 * and leaves nothing running: the DNS port is free again.
 */
class AdminStartE2eTest {
  @TempDir Path dir;

  @Test
  void anAdminPortInUseFailsTheStart() throws Exception {
    int dns = FreePorts.udpAndTcp();
    try (ServerSocket taken = new ServerSocket(0, 50, FreePorts.loopback())) {
      String yaml =
          new E2eConfig(dir)
              .listen("127.0.0.1:" + dns)
              .yaml()
              .replace("127.0.0.1:0", "127.0.0.1:" + taken.getLocalPort());

      IOException e =
          catchThrowableOfType(
              IOException.class, () -> Daemon.start(ConfigLoader.parse("e2e.yaml", yaml)));

      assertThat(e).hasMessageContaining("admin listener 127.0.0.1:" + taken.getLocalPort());
    }
    assertThat(FreePorts.isFree(dns)).as("DNS listeners closed").isTrue();
  }

  @Test
  void aDataDirThatCannotBeMadeFailsTheStart() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "");
    int dns = FreePorts.udpAndTcp();
    String yaml = new E2eConfig(file.resolve("data")).listen("127.0.0.1:" + dns).yaml();

    IOException e =
        catchThrowableOfType(
            IOException.class, () -> Daemon.start(ConfigLoader.parse("e2e.yaml", yaml)));

    assertThat(e).hasMessageContaining("cannot open the state database");
    assertThat(FreePorts.isFree(dns)).isTrue();
  }
}
