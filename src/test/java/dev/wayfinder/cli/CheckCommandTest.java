package dev.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wayfinder check}: exit 0 with a summary, or exit 2 with every error on stderr. */
class CheckCommandTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeEach
  void capture() {
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  @Test
  void goodFilePrintsSummaryAndExitsZero() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("good.yaml"),
            """
            dns:
              listen: ["127.0.0.1:0", "[::1]:5353"]
              zone: corp.example
              forward: {upstreams: ["10.0.0.2", "127.0.0.1:5300"]}
            services:
              - name: web
                endpoints: [{address: 10.0.0.1}, {address: "fd00::1"}]
              - name: api
                endpoints: [{address: 10.0.1.1}]
            """);

    int code = Main.run("check", "--config", file.toString());

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            file
                + ": ok: zone corp.example, 2 services, 3 endpoints, listen [127.0.0.1:0,"
                + " [0:0:0:0:0:0:0:1]:5353], upstreams [10.0.0.2:53, 127.0.0.1:5300]"
                + System.lineSeparator());
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void badFilePrintsEveryErrorAndExitsTwo() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("bad.yaml"),
            """
            dns:
              ttl: soon
            services:
              - name: web
                endpoints: [{address: 10.0.0.1}, {address: 10.0.0.1}]
              - name: web
            """);
    // A relative name, as an operator types it: errors must repeat it unchanged.
    String given = Path.of("").toAbsolutePath().relativize(file).toString();

    int code = Main.run("check", "--config", given);

    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            given + ":2: dns.ttl: a ttl is whole seconds: soon",
            given
                + ":5: services[0].endpoints[1].address: duplicate endpoint address in this"
                + " service: 10.0.0.1",
            given + ":6: services[1].name: duplicate service name: web");
  }

  @Test
  void syntaxErrorIsOneLineWithItsLine() throws Exception {
    Path file = Files.writeString(dir.resolve("broken.yaml"), "dns:\n  zone: x\n   listen: [\n");

    int code = Main.run("check", "--config", file.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .isEqualTo(file + ":3: (file): YAML syntax error: mapping values are not allowed here");
  }
}
