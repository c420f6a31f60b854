package dev.wayfinder.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/** Runs {@code wayfinder ctl ...} in this JVM as {@link Main} does, capturing out and err. */
public record CtlRun(int exit, String out, String err) {
  public static CtlRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = execute(out, err, args);
    return new CtlRun(exit, out.toString(), err.toString());
  }

  /** Starts a command that runs until its stream ends ({@code events --follow}). */
  public static Live start(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<CtlRun> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                int exit = execute(out, err, args);
                result.complete(new CtlRun(exit, out.toString(), err.toString()));
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
              }
            });
    return new Live(out, result);
  }

  /** A command still running: what it has printed so far, and its end. */
  public record Live(StringWriter printed, CompletableFuture<CtlRun> result) {
    public String out() {
      return printed.toString();
    }
  }

  private static int execute(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "ctl";
    System.arraycopy(args, 0, all, 1, args.length);
    return cl.execute(all);
  }
}
