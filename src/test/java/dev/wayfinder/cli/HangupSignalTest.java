package dev.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.ProcessRun;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HangupSignal} end to end: a child JVM ({@link HangupChild}) gets real SIGHUPs from {@code
 * kill}, started the way the launcher starts the daemon (no extra JVM flag).
 */
class HangupSignalTest {
  private static final Duration JVM_START = Duration.ofSeconds(30);

  @TempDir Path dir;
  private Process child;

  @AfterEach
  void killChild() throws InterruptedException {
    if (child != null) {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void everySighupCallsTheHandlerAndTheJvmKeepsRunning() throws IOException {
    Path out = start(List.of(), List.of());
    await().atMost(JVM_START).until(() -> output(out).contains("installed true"));

    for (int n = 1; n <= 2; n++) {
      hangup();
      String expected = "reload " + n;
      await().atMost(Duration.ofSeconds(5)).until(() -> output(out).contains(expected));
    }
    assertThat(child.isAlive()).as("SIGHUP no longer stops the JVM").isTrue();
  }

  @Test
  void anIgnoredSighupIsReportedNotInstalled() throws IOException {
    Path out = start(List.of("nohup"), List.of());
    await().atMost(JVM_START).until(() -> output(out).contains("installed false"));
  }

  @Test
  void aJvmStartedWithReducedSignalsReportsNotInstalled() throws IOException {
    Path out = start(List.of(), List.of("-Xrs"));
    await().atMost(JVM_START).until(() -> output(out).contains("installed false"));
  }

  private Path start(List<String> prefix, List<String> jvmFlags) throws IOException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--enable-native-access") || flag.startsWith("--sun-misc-unsafe")) {
        cmd.add(flag); // what the launcher passes on new JDKs; none of it is about signals
      }
    }
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), HangupChild.class.getName()));
    Path out = dir.resolve("out.txt");
    child =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    return out;
  }

  private void hangup() {
    ProcessRun kill =
        ProcessRun.of(Duration.ofSeconds(10), List.of("kill", "-HUP", "" + child.pid()));
    assertThat(kill.exitCode()).as(kill.stderr()).isZero();
  }

  private static String output(Path out) throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
