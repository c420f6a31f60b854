package dev.wayfinder.config;

import java.nio.file.Path;

/**
 * Reads a YAML config into a {@link WayfinderConfig}, validating all of it and reporting every
 * error at once with file, line, key path and message. STUB: the config package fills this in.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Loads and validates {@code file}; errors name the file as given. */
  public static WayfinderConfig load(Path file) throws ConfigException {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Parses YAML text.
   *
   * @param fileName the name errors are reported under
   */
  public static WayfinderConfig parse(String fileName, String yaml) throws ConfigException {
    throw new UnsupportedOperationException("TODO");
  }

  /** The built-in default of SPEC.md: DNS 127.0.0.1:5353, admin 127.0.0.1:8053, no services. */
  public static WayfinderConfig defaults() {
    throw new UnsupportedOperationException("TODO");
  }
}
