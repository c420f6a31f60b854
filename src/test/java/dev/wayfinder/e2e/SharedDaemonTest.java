package dev.wayfinder.e2e;

import dev.wayfinder.testing.DigRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Set-up shared by the end-to-end tests that only ask questions: one daemon with the standard
 * {@link E2eConfig} for the whole test class, a dig client for it, and the daemon stopped after the
 * class. A subclass's own {@code @BeforeAll} runs after this one's, so it may use {@link #daemon}.
 */
abstract class SharedDaemonTest {
  @TempDir static Path dir;
  static RunningDaemon daemon;
  static DigRunner dig;

  @BeforeAll
  static void startDaemon() throws Exception {
    daemon = RunningDaemon.start(new E2eConfig(dir).yaml());
    dig = daemon.client();
  }

  @AfterAll
  static void stopDaemon() {
    if (daemon != null) {
      daemon.close();
    }
  }
}
