package dev.wayfinder.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code wayfinder ctl}: a client of the admin HTTP API. Tables by default, the API's JSON with
 * {@code --json}. Exit codes for scripts: 0 ok, 1 the API cannot be reached (or failed), 2 bad
 * usage, 3 not found (404), 4 refused (400, 401, 409, 413), each failure with one line on stderr.
 */
@Command(
    name = "ctl",
    mixinStandardHelpOptions = true,
    description = "Talk to a running daemon's admin API.",
    subcommands = {
      CtlReadCommands.Services.class,
      CtlReadCommands.Show.class,
      CtlWriteCommands.Put.class,
      CtlWriteCommands.Delete.class,
      CtlWriteCommands.Drain.class,
      CtlWriteCommands.Undrain.class,
      CtlWriteCommands.Maintenance.class,
      CtlEvents.class
    })
final class CtlCommand implements Runnable {
  static final String DEFAULT_ADMIN = "http://127.0.0.1:8053";

  @Spec CommandSpec spec;

  @Option(
      names = "--admin",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "The admin API (default: " + DEFAULT_ADMIN + ").")
  String admin = DEFAULT_ADMIN;

  @Option(
      names = "--token",
      paramLabel = "T",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:WAYFINDER_TOKEN}",
      description = "Bearer token (default: the environment variable WAYFINDER_TOKEN).")
  String token;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print the API's JSON instead of a table.")
  boolean json;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** One call of the API, printing to {@code out}. */
  interface Action {
    void run(AdminClient api, PrintWriter out) throws CtlException;
  }

  /**
   * Runs {@code action} for the subcommand of {@code sub}: its output on the command line's out, a
   * failure as one line on its err, and the exit code.
   */
  static int execute(CommandSpec sub, Action action) {
    CtlCommand ctl = sub.parent().commandLine().getCommand();
    PrintWriter out = sub.commandLine().getOut();
    PrintWriter err = sub.commandLine().getErr();
    try {
      action.run(new AdminClient(ctl.admin, ctl.token), out);
      return 0;
    } catch (CtlException e) {
      err.println("wayfinder ctl: " + e.getMessage());
      return e.exitCode();
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Whether {@code --json} was given, before or after the subcommand's name. */
  static boolean json(CommandSpec sub) {
    CtlCommand ctl = sub.parent().commandLine().getCommand();
    return ctl.json;
  }

  /** A subcommand: runs through {@link #execute}. */
  abstract static class Sub implements Callable<Integer> {
    @Spec CommandSpec spec;

    abstract void run(AdminClient api, PrintWriter out) throws CtlException;

    @Override
    public Integer call() {
      return execute(spec, this::run);
    }

    boolean json() {
      return CtlCommand.json(spec);
    }

    static void printJson(PrintWriter out, Object json) throws CtlException {
      try {
        out.println(AdminClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
      } catch (JsonProcessingException e) {
        throw new CtlException(CtlException.FAILURE, "cannot print JSON: " + e.getMessage());
      }
    }
  }
}
