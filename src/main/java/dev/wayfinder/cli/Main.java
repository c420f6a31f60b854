package dev.wayfinder.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wayfinder}: the command line of SPEC.md. Exit 0 ok, 2 bad usage or config, 1 failure. */
@Command(
    name = "wayfinder",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Health-aware service-discovery DNS server.",
    subcommands = {ServeCommand.class, CheckCommand.class, CtlCommand.class, VersionCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this instead of main). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1);
    // The mapper sees usage errors too: they stay 2, as SPEC.md wants.
    return cl.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
    throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
  }
}
