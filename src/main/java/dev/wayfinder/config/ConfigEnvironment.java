package dev.wayfinder.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a config load reads besides the file itself, injectable so tests control it.
 *
 * @param variables looks up {@code ${NAME}} substitutions; returns {@code null} when unset
 * @param resolvConf the file {@code "resolv.conf"} upstreams expand from (default {@code
 *     /etc/resolv.conf})
 */
public record ConfigEnvironment(Function<String, String> variables, Path resolvConf) {

  /** The system resolver file. */
  public static final Path SYSTEM_RESOLV_CONF = Path.of("/etc/resolv.conf");

  public ConfigEnvironment {
    Objects.requireNonNull(variables, "variables");
    Objects.requireNonNull(resolvConf, "resolvConf");
  }

  /** The process environment and {@code /etc/resolv.conf}. */
  public static ConfigEnvironment system() {
    return new ConfigEnvironment(System::getenv, SYSTEM_RESOLV_CONF);
  }
}
