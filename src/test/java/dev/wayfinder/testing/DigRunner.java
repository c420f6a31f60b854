package dev.wayfinder.testing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks one DNS server questions with the real {@code dig} (BIND 9) and {@code kdig} (Knot) clients,
 * each run as a process with a deadline, and parses what they print.
 */
public final class DigRunner {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  private final InetSocketAddress server;

  public DigRunner(InetSocketAddress server) {
    this.server = server;
  }

  public InetSocketAddress server() {
    return server;
  }

  /** {@code dig NAME TYPE} with extra dig options such as {@code +tcp} or {@code +noedns}. */
  public DigResult dig(String name, String type, String... options) {
    List<String> args = new ArrayList<>(List.of(options));
    args.add(name);
    args.add(type);
    return digArgs(args);
  }

  /** {@code dig -x ADDRESS}: the PTR question for an address. */
  public DigResult reverse(String address, String... options) {
    List<String> args = new ArrayList<>(List.of(options));
    args.add("-x");
    args.add(address);
    return digArgs(args);
  }

  /** {@code kdig NAME TYPE} with extra kdig options. */
  public DigResult kdig(String name, String type, String... options) {
    List<String> cmd = new ArrayList<>(List.of("kdig", "@" + host(), "-p", port(), "+time=3"));
    cmd.add("+retry=0");
    cmd.addAll(List.of(options));
    cmd.add(name);
    cmd.add(type);
    return DigOutputParser.parse(run(cmd).stdout());
  }

  /** dig's full default output for an AXFR of {@code zone} (a zone file with comments). */
  public String axfr(String zone) {
    return run(List.of("dig", "@" + host(), "-p", port(), "+time=5", "+tries=1", zone, "AXFR"))
        .stdout();
  }

  private DigResult digArgs(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("dig", "@" + host(), "-p", port()));
    cmd.addAll(List.of("+time=3", "+tries=1", "+noall", "+comments", "+answer"));
    cmd.addAll(List.of("+authority", "+additional"));
    cmd.addAll(args);
    return DigOutputParser.parse(run(cmd).stdout());
  }

  private static ProcessRun run(List<String> cmd) {
    return ProcessRun.of(DEADLINE, cmd);
  }

  private String host() {
    return server.getAddress().getHostAddress();
  }

  private String port() {
    return Integer.toString(server.getPort());
  }
}
