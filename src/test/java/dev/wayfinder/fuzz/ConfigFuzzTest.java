package dev.wayfinder.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wayfinder.config.ConfigEnvironment;
import dev.wayfinder.config.ConfigError;
import dev.wayfinder.config.ConfigException;
import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.config.WayfinderConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Arbitrary text as a config file ({@code wayfinder check}, a start, a reload): the loader gives a
 * whole config or a {@link ConfigException} whose every error reads {@code FILE:LINE: key:
 * message}; any other exception is a finding. {@code ${FUZZ}} is set, every other variable unset,
 * and {@code resolv.conf} upstreams expand from a file that does not exist.
 */
class ConfigFuzzTest {
  private static final String FILE = "fuzz.yaml";
  private static final ConfigEnvironment ENV =
      new ConfigEnvironment(
          name -> name.equals("FUZZ") ? "10.0.0.9" : null, Path.of("/nonexistent/resolv.conf"));

  @FuzzTest(maxDuration = "30s")
  void configText(byte[] input) {
    String yaml = new String(input, StandardCharsets.UTF_8);
    WayfinderConfig config;
    try {
      config = ConfigLoader.parse(FILE, yaml, ENV);
    } catch (ConfigException e) {
      assertThat(e.errors()).as("errors of a refused config").isNotEmpty();
      for (ConfigError error : e.errors()) {
        assertThat(error.file()).isEqualTo(FILE);
        assertThat(error.line()).as("line of %s", error).isNotNegative();
        assertThat(error.path()).as("key of %s", error).isNotNull();
        assertThat(error.message()).as("message of %s", error).isNotBlank();
      }
      return;
    }
    assertThat(config.dns()).as("dns section of a valid config").isNotNull();
    assertThat(config.services()).as("services of a valid config").isNotNull();
  }
}
