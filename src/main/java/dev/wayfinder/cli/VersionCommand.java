package dev.wayfinder.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code wayfinder version}. */
@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Callable<Integer> {

  /** The version baked in by the build (wayfinder-version.properties). */
  static String version() {
    try (InputStream in =
        VersionCommand.class.getResourceAsStream("/wayfinder-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public Integer call() {
    System.out.println("wayfinder " + version());
    return 0;
  }

  /** Feeds {@code --version}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"wayfinder " + version()};
    }
  }
}
