package dev.wayfinder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.wayfinder.config.DiagnosticsConfig.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code diagnostics:} section: defaults, targets with and without a port, and its errors. */
class DiagnosticsConfigTest {
  @TempDir Path dir;

  private WayfinderConfig parse(String yaml) throws ConfigException {
    return ConfigLoader.parse(
        dir.resolve("test.yaml").toString(), yaml, TestConfigs.env(dir, Map.of()));
  }

  @Test
  void absentMeansNoTargets() throws Exception {
    assertThat(parse("").diagnostics()).isEqualTo(DiagnosticsConfig.NONE);
    assertThat(DiagnosticsConfig.NONE.timeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void readsTargetsTimeoutAndCaFile() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

    DiagnosticsConfig d =
        parse(
                """
                diagnostics:
                  targets: [Example.COM., "host.internal:8443"]
                  timeout: 500ms
                  ca_file: ca.pem
                """)
            .diagnostics();

    assertThat(d.targets())
        .containsExactly(new Target("example.com", 443), new Target("host.internal", 8443));
    assertThat(d.targets().get(1)).hasToString("host.internal:8443");
    assertThat(d.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(d.caFile()).isEqualTo(dir.resolve("ca.pem"));
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        arguments("diagnostics: {target: [a.com]}\n", 1, "diagnostics.target", "unknown key"),
        arguments("diagnostics: {targets: a.com}\n", 1, "diagnostics.targets", "must be a list"),
        arguments(
            "diagnostics:\n  targets: [a.com, \"b.com:0\"]\n",
            2,
            "diagnostics.targets[1]",
            "port 1 to 65535"),
        arguments(
            "diagnostics:\n  targets: [\"b.com:https\"]\n",
            2,
            "diagnostics.targets[0]",
            "HOST or HOST:PORT"),
        arguments(
            "diagnostics:\n  targets: [\"bad_name.com\"]\n",
            2,
            "diagnostics.targets[0]",
            "letters, digits and hyphens"),
        arguments(
            "diagnostics:\n  targets: [\"[::1]:443\"]\n",
            2,
            "diagnostics.targets[0]",
            "a host name"),
        arguments(
            "diagnostics:\n  targets: [\"192.0.2.1:443\"]\n",
            2,
            "diagnostics.targets[0]",
            "a host name"),
        arguments("diagnostics:\n  timeout: 0s\n", 2, "diagnostics.timeout", "more than 0"),
        arguments("diagnostics:\n  timeout: 3\n", 2, "diagnostics.timeout", "needs a unit"),
        arguments(
            "diagnostics:\n  targets: [a.com]\n  ca_file: nope.pem\n",
            3,
            "diagnostics.ca_file",
            "no such file"));
  }

  @ParameterizedTest
  @MethodSource("bad")
  void rejects(String yaml, int line, String path, String fragment) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(yaml));

    assertThat(e).as("errors of:\n%s", yaml).isNotNull();
    assertThat(e.errors())
        .anySatisfy(
            err -> {
              assertThat(err.path()).isEqualTo(path);
              assertThat(err.line()).isEqualTo(line);
              assertThat(err.message()).contains(fragment);
            });
    assertThat(e.getMessage()).contains("test.yaml:" + line + ": " + path + ": ");
  }
}
