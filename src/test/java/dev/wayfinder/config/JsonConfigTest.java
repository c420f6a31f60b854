package dev.wayfinder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wayfinder.registry.Service;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config written as JSON (which is YAML) is read by Jackson's JSON parser, the fast path for
 * generated files, and means exactly what the same config means as YAML: same records, same errors
 * at the same lines. Text that only starts like JSON goes back to the YAML parser.
 */
class JsonConfigTest {
  @TempDir Path dir;

  private WayfinderConfig parse(String name, String text) throws ConfigException {
    return ConfigLoader.parse(name, text, TestConfigs.env(dir, Map.of("WAYFINDER_TOKEN", "t")));
  }

  private List<String> errorsOf(String text) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("c.json", text));
    assertThat(e).as("expected a ConfigException for:\n%s", text).isNotNull();
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  @Test
  void theSpecExampleAsJsonIsTheSameConfig() throws Exception {
    String yaml = TestConfigs.specExample(Files.writeString(dir.resolve("ca.pem"), "pem"));
    Object tree = new ObjectMapper(new YAMLFactory()).readValue(yaml, Object.class);
    String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    assertThat(json).startsWith("{");

    assertThat(parse("c", json)).isEqualTo(parse("c", yaml));
  }

  @Test
  void anEndpointAddressMeansTheSameInJsonAsInYaml() throws Exception {
    // JSON addresses of over 8 characters are read from the parser's characters, not a string;
    // YAML's go to dnsjava's parser: the two must agree on every text, good or bad.
    for (String address :
        List.of(
            "198.18.0.15",
            "255.255.255.255",
            "10.0.0.1",
            "100.64.0.100",
            "2001:db8::1:ff",
            "256.18.0.15",
            "198.18.0.015",
            "198.018.0.15",
            "198.18.0",
            "198.18.0.15.1",
            "198.18..15",
            "198.18.0.1500",
            "198.18.0.15 ",
            "198.18.0.1a",
            "1234.1.1.1")) {
      String json =
          "{\"dns\": {\"zone\": \"x.test\"},\n\"services\": [{\"name\": \"a\",\n"
              + "\"endpoints\": [{\"address\": \""
              + address
              + "\"}]}]}";
      String yaml =
          "dns: {zone: x.test}\nservices:\n  - name: a\n    endpoints: [{address: '"
              + address
              + "'}]\n";
      Object fromJson = outcome(json);
      assertThat(fromJson).as(address).isEqualTo(outcome(yaml));
    }
  }

  /** The config, or its error messages without the file's name. */
  private Object outcome(String text) {
    try {
      return parse("c", text);
    } catch (ConfigException e) {
      return e.errors().stream()
          .map(ConfigError::toString)
          .map(m -> m.replaceAll(":\\d+:", ":"))
          .toList();
    }
  }

  @Test
  void theJsonParserReadsJsonAndRefusesFlowYaml() throws Exception {
    List<String> names = new ArrayList<>();
    YamlTreeReader.ListListener listener = (i, item) -> names.add(item.kind());

    YamlNode root =
        YamlTreeReader.read(
            new StringReader("\uFEFF\n  {\"services\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}"),
            listener,
            true);

    assertThat(root).isInstanceOf(YamlNode.Mapping.class);
    assertThat(names).hasSize(2);
    assertThatThrownBy(
            () -> YamlTreeReader.read(new StringReader("{services: [{name: a}]}"), listener, true))
        .isInstanceOf(YamlTreeReader.NotJsonException.class);
  }

  @Test
  void everyNodeHasTheSameLineAsWhenReadAsYaml() throws Exception {
    // Keys and values on lines of their own: the JSON parser's line of a key differs from its
    // value's there, and the tree must keep both as the YAML parser does.
    String text =
        """
        {
          "dns":
            {"ttl":
               -1, "zone": "z.test"},
          "services": [
            {"name":
               "a",
             "endpoints": [
               {"address": "10.0.0.1"},
               {"address":
                  "10.0.0.2"}]}],
          "admin":
            null
        }
        """;
    List<YamlNode> asJson = new ArrayList<>();
    List<YamlNode> asYaml = new ArrayList<>();

    YamlNode json = YamlTreeReader.read(new StringReader(text), (i, n) -> asJson.add(n), true);
    YamlNode yaml = YamlTreeReader.read(new StringReader(text), (i, n) -> asYaml.add(n), false);

    assertThat(json).isEqualTo(yaml);
    assertThat(asJson).hasSize(1).isEqualTo(asYaml);
  }

  @Test
  void errorsInJsonNameTheirLines() {
    List<String> errors =
        errorsOf(
            """
            {
              "dns": {"ttl": -1},
              "services": [
                {"name": "a"},
                {"name": "b_c"}
              ]
            }
            """);

    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).startsWith("c.json:2: dns.ttl: ");
    assertThat(errors.get(1)).startsWith("c.json:5: services[1].name: ");
  }

  @Test
  void yamlCommentsKeepJsonOnTheJsonPath() throws Exception {
    WayfinderConfig c =
        parse("c.json", "{\n  # the zone\n  \"dns\": {\"zone\": \"x.test\"} # trailing\n}\n");

    assertThat(c.dns().zone()).isEqualTo("x.test");
  }

  @Test
  void flowYamlThatStartsLikeJsonIsReadAsYaml() throws Exception {
    WayfinderConfig c =
        parse("c.yaml", "{dns: {zone: x.test, reverse: off}, services: [{name: a}, {name: b}]}\n");

    assertThat(c.dns().zone()).isEqualTo("x.test");
    assertThat(c.services()).extracting(Service::name).containsExactly("a", "b");
  }

  @Test
  void brokenJsonGetsTheYamlSyntaxError() {
    List<String> errors = errorsOf("{\"dns\": {\"zone\": \"x.test\"}\n");

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith("c.json:").contains("(file): YAML syntax error");
  }

  @Test
  void aLongJsonListIsReadWhole() throws Exception {
    StringBuilder json = new StringBuilder("{\"dns\": {\"zone\": \"big.test\"}, \"services\": [\n");
    for (int i = 0; i < 1_000; i++) {
      json.append(i == 0 ? "" : ",\n").append("{\"name\": \"s").append(i);
      json.append("\", \"endpoints\": [{\"address\": \"10.1.").append(i >> 8).append('.');
      json.append(i & 0xFF).append("\"}]}");
    }
    json.append("\n]}\n");

    WayfinderConfig c = parse("c.json", json.toString());

    assertThat(c.services()).hasSize(1_000);
    assertThat(c.services().get(999).name()).isEqualTo("s999");
    assertThat(c.services().get(999).endpoints().get(0).address().getHostAddress())
        .isEqualTo("10.1.3.231");
  }
}
