package dev.wayfinder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A finished child process: its exit code and everything it wrote. Output goes to temporary files
 * rather than pipes, so a chatty child can never block on a full pipe while we wait for it.
 *
 * @param exitCode the exit status
 * @param stdout standard output, UTF-8
 * @param stderr standard error, UTF-8
 */
public record ProcessRun(int exitCode, String stdout, String stderr) {

  /**
   * Runs {@code command} to completion within {@code deadline}.
   *
   * @throws AssertionError when it is still running at the deadline (it is killed first)
   */
  public static ProcessRun of(Duration deadline, List<String> command) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("run-out", ".txt");
      err = Files.createTempFile("run-err", ".txt");
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("still running after " + deadline + ": " + command);
      }
      return new ProcessRun(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
    }
  }
}
