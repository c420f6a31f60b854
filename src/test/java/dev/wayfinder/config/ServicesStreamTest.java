package dev.wayfinder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wayfinder.registry.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code services:} read while the parser streams it: the same results and errors as a whole tree,
 * whatever the order of the sections, with the error list bounded.
 */
class ServicesStreamTest {
  @TempDir Path dir;

  private WayfinderConfig parse(String yaml) throws ConfigException {
    return ConfigLoader.parse("s.yaml", yaml, TestConfigs.env(dir, Map.of()));
  }

  private List<String> errorsOf(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(yaml));
    assertThat(e).as("expected a ConfigException for:\n%s", yaml).isNotNull();
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  @Test
  void servicesBeforeDnsTakeTheTtlGivenAfterThem() throws Exception {
    WayfinderConfig c =
        parse("services:\n  - name: a\n  - name: b\n    ttl: 5\ndns:\n  ttl: 42\n  zone: x.test\n");

    assertThat(c.services()).extracting(Service::ttl).containsExactly(42L, 5L);
    assertThat(c.dns().zone()).isEqualTo("x.test");
  }

  @Test
  void servicesAfterDnsTakeItsTtl() throws Exception {
    WayfinderConfig c = parse("dns: {ttl: 42}\nservices:\n  - name: a\n");

    assertThat(c.services()).extracting(Service::ttl).containsExactly(42L);
  }

  @Test
  void nameLengthIsCheckedAgainstAZoneGivenAfterTheServices() {
    String longName = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60);
    String zone = "d".repeat(63) + "." + "e".repeat(10) + ".test";

    List<String> errors =
        errorsOf("services:\n  - name: " + longName + "\ndns:\n  zone: " + zone + "\n");

    assertThat(errors)
        .containsExactly(
            "s.yaml:2: services[0].name: name " + longName + "." + zone + " is longer than 253");
  }

  @Test
  void collisionsAreFoundAcrossStreamedServices() {
    List<String> errors =
        errorsOf(
            "services:\n"
                + "  - name: web\n"
                + "    endpoints: [{address: 10.0.0.1}]\n"
                + "  - name: web-1\n");

    assertThat(errors)
        .containsExactly(
            "s.yaml:4: services[1].name: name web-1 of service web-1 collides with endpoint #1 of"
                + " service web");
  }

  @Test
  void aPositionalNameCollidesWhicheverComesFirst() {
    assertThat(
            errorsOf(
                "services:\n"
                    + "  - name: web-2\n"
                    + "  - name: web\n"
                    + "    endpoints: [{address: 10.0.0.1}, {address: 10.0.0.2}]\n"))
        .containsExactly(
            "s.yaml:4: services[1].endpoints[1]: name web-2 of endpoint #2 of service web collides"
                + " with service web-2");
    assertThat(
            errorsOf(
                "services:\n"
                    + "  - name: a.b\n"
                    + "    endpoints: [{address: 10.0.0.1}]\n"
                    + "  - name: b-1\n"
                    + "    endpoints: [{address: 10.0.0.2, hostname: a}]\n"))
        .containsExactly(
            "s.yaml:5: services[1].endpoints[0].hostname: name a.b-1 of endpoint #1 of service b-1"
                + " collides with endpoint #1 of service a.b");
  }

  @Test
  void aValueTheReaderRefusesIsNotAlsoMissingButOtherRulesStillSpeak() {
    assertThat(errorsOf("services:\n  - name: a\n    endpoints: [{address: {ip: 10.0.0.1}}]\n"))
        .containsExactly("s.yaml:3: services[0].endpoints[0].address: must be a value, not a map");
    assertThat(errorsOf("services:\n  - name: a\n    health: {type: command, command: {a: b}}\n"))
        .containsExactly(
            "s.yaml:3: services[0].health.command: must be a list, not a map",
            "s.yaml:3: services[0].health.command: type command needs a non-empty command list");
  }

  @Test
  void namesThatOnlyLookPositionalDoNotCollide() throws Exception {
    WayfinderConfig c =
        parse(
            "services:\n"
                + "  - name: web\n"
                + "    endpoints: [{address: 10.0.0.1}]\n"
                + "  - name: web-2\n"
                + "  - name: web-01\n"
                + "  - name: web-1x\n");

    assertThat(c.services()).hasSize(4);
  }

  @Test
  void listsTheFirstHundredErrorsAndCountsTheRest() {
    StringBuilder yaml = new StringBuilder("dns: {ttl: -1}\nservices:\n");
    for (int i = 0; i < 150; i++) {
      yaml.append("  - name: s").append(i).append("\n    max_answers: -1\n");
    }

    List<String> errors = errorsOf(yaml.toString());

    assertThat(errors).hasSize(Problems.LIMIT + 1);
    assertThat(errors.get(0)).startsWith("s.yaml:1: dns.ttl:");
    assertThat(errors.get(1))
        .isEqualTo("s.yaml:4: services[0].max_answers: must be at least 0: -1");
    assertThat(errors.get(99)).startsWith("s.yaml:200: services[98].max_answers:");
    assertThat(errors.get(100))
        .isEqualTo("s.yaml:202: (file): ... and 51 more errors (only the first 100 are listed)");
  }

  @Test
  void aSyntaxErrorAfterBadServicesIsTheOnlyError() {
    List<String> errors = errorsOf("services:\n  - name: a_b\n  - name: [x\n");

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith("s.yaml:").contains("(file): YAML syntax error");
  }

  @Test
  void aSecondServicesKeyIsADuplicateAndNotRead() throws Exception {
    List<String> errors = errorsOf("services:\n  - name: a\nservices:\n  - name: b_c\n");

    assertThat(errors).containsExactly("s.yaml:3: services: duplicate key");
  }

  @Test
  void servicesThatAreNotAListAreReported() {
    assertThat(errorsOf("services: {name: a}\n"))
        .containsExactly("s.yaml:1: services: must be a list, not a map");
    assertThat(errorsOf("services:\n  - just-a-name\n"))
        .containsExactly("s.yaml:2: services[0]: must be a map, not a value");
  }

  @Test
  void anUnreadableFileSaysSo() throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, new byte[] {'s', 'e', 'r', 'v', 'i', 'c', 'e', 's', ':', ' ', (byte) 0xE9});

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(file, TestConfigs.env(dir, Map.of())));

    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).toString())
        .startsWith(file + ":0: (file): cannot read the file: ")
        .contains("MalformedInput");
  }

  @Test
  void aLargeFileStreamsEveryService() throws Exception {
    StringBuilder yaml = new StringBuilder("services:\n");
    for (int i = 0; i < 2_000; i++) {
      yaml.append("  - {name: s").append(i).append(", endpoints: [{address: 10.0.");
      yaml.append(i >> 8).append('.').append(i & 0xFF).append("}]}\n");
    }
    yaml.append("dns: {zone: big.test}\n");

    WayfinderConfig c = parse(yaml.toString());

    assertThat(c.services()).hasSize(2_000);
    assertThat(c.services().get(1_999).endpoints().get(0).address().getHostAddress())
        .isEqualTo("10.0.7.207");
  }
}
