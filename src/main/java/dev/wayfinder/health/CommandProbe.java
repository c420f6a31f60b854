package dev.wayfinder.health;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code command} probe: runs the argv (no shell) with {@code $WAYFINDER_ENDPOINT} set to the
 * endpoint's address; exit 0 passes. At the timeout the process and its children are killed, so a
 * hanging check cannot pile up.
 */
final class CommandProbe implements Probe {
  static final String ENDPOINT_VARIABLE = "WAYFINDER_ENDPOINT";

  private final List<String> command;
  private final Duration timeout;

  CommandProbe(List<String> command, Duration timeout) {
    this.command = List.copyOf(command);
    this.timeout = timeout;
  }

  @Override
  public ProbeResult check(InetAddress endpoint) throws InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put(ENDPOINT_VARIABLE, endpoint.getHostAddress());
    Process process;
    try {
      process = builder.start();
      process.getOutputStream().close(); // stdin at EOF: a check that reads it must not hang
    } catch (IOException e) {
      return ProbeResult.fail("cannot run " + command.get(0) + ": " + e.getMessage());
    }
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        kill(process);
        return ProbeResult.timeout("timeout after " + timeout.toMillis() + "ms, killed");
      }
    } catch (InterruptedException e) {
      kill(process);
      throw e;
    }
    int exit = process.exitValue();
    return exit == 0 ? ProbeResult.pass("exit 0") : ProbeResult.fail("exit " + exit);
  }

  /** Children first: a shell wrapper killed alone would leave its {@code sleep} behind. */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
