package dev.wayfinder.e2e;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Wayfinder command line run as a separate JVM on the test classpath, as an operator runs it:
 * {@code java -cp ... dev.wayfinder.cli.Main ARGS}. Only the JVM flags Netty needs are copied from
 * the test JVM (not agents or debugger options).
 */
final class ChildJvm {
  private ChildJvm() {}

  /** The full command line for {@code wayfinder ARGS}. */
  static List<String> command(String... args) {
    return command(List.of(), args);
  }

  /** As {@link #command(String...)}, with extra JVM flags (a GC choice, say) first. */
  static List<String> command(List<String> jvmFlags, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--enable-native-access") || flag.startsWith("--sun-misc-unsafe")) {
        cmd.add(flag);
      }
    }
    cmd.add("-XX:TieredStopAtLevel=1"); // starts faster; these runs are short
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.wayfinder.cli.Main");
    cmd.addAll(List.of(args));
    return cmd;
  }
}
