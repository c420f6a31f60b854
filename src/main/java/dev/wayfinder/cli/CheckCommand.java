package dev.wayfinder.cli;

import dev.wayfinder.config.ConfigError;
import dev.wayfinder.config.ConfigException;
import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.config.WayfinderConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wayfinder check --config FILE}: validate, print a summary or every error. */
@Command(name = "check", description = "Validate a config file.")
final class CheckCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "config file")
  Path config;

  @Override
  public Integer call() {
    WayfinderConfig c;
    try {
      c = ConfigLoader.load(config);
    } catch (ConfigException e) {
      for (ConfigError err : e.errors()) {
        System.err.println(err);
      }
      return 2;
    }
    int endpoints = c.services().stream().mapToInt(s -> s.endpoints().size()).sum();
    System.out.printf(
        "%s: ok: zone %s, %d services, %d endpoints, listen %s, upstreams %s%n",
        config,
        c.dns().zone(),
        c.services().size(),
        endpoints,
        Addresses.format(c.dns().listen()),
        Addresses.format(c.dns().forward().upstreams()));
    return 0;
  }
}
