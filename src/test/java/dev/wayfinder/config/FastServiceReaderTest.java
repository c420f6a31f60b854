package dev.wayfinder.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.registry.Service;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token reader gives the general reader's result for every service it takes, and gives up on
 * every service the general reader would find a problem in or read differently.
 */
class FastServiceReaderTest {
  @TempDir Path dir;

  private static final String MANY_ENDPOINTS =
      IntStream.range(0, 20)
          .mapToObj(i -> "{address: 10.0.1." + i + ", hostname: h" + i + "}")
          .collect(Collectors.joining(", ", "{name: many, endpoints: [", "]}"));

  static Stream<String> usualShapes() {
    return Stream.of(
        "{name: a}",
        "{name: Web.Prod., ttl: 7, fail_open: off, max_answers: 2}",
        "{name: a, ports: [{name: http, port: 80}, {name: dns, protocol: udp, port: 53},"
            + " {name: dns, protocol: tcp, port: 53}]}",
        "{name: a, endpoints: [{address: 10.0.0.1}, {address: '2001:db8::1', weight: 0,"
            + " priority: 3, hostname: Node1}]}",
        "{name: a, health: {type: http, target: 'http://{}:8080/ok', interval: 2s, timeout: 1s,"
            + " rise: 3}}",
        "{name: a, health: {type: tcp, target: '{}:5432'}}",
        "{name: a, ports: [], endpoints: []}",
        MANY_ENDPOINTS);
  }

  @ParameterizedTest
  @MethodSource("usualShapes")
  void takesTheUsualShapesWithTheGeneralReadersResult(String service) throws Exception {
    List<YamlNode> trees = new ArrayList<>();
    LoadContext ctx = context();
    ServicesReader fast = new ServicesReader(ctx, "z.test", 30, 0);
    FastServiceReader alone = reader();
    readItems(
        "services: [" + service + ", " + service.replaceFirst("name: [^,}]+", "name: copy") + "]",
        (i, item) -> {
          trees.add(item.node());
          assertThat(alone.read(item, i)).as("taken by the token reader").isNotNull();
          fast.item(i, item);
        });
    LoadContext generalCtx = context();
    ServicesReader general = new ServicesReader(generalCtx, "z.test", 30, 0);
    general.readTree(root(trees));

    assertThat(ctx.problems().isEmpty()).isTrue();
    assertThat(generalCtx.problems().isEmpty()).isTrue();
    assertThat(fast.services()).hasSize(2).isEqualTo(general.services());
    assertThat(fast.services().get(1).ports()).isSameAs(fast.services().get(0).ports());
    assertThat(fast.services().get(1).health()).isSameAs(fast.services().get(0).health());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "[a]",
        "{}",
        "{ttl: 5}",
        "{name: a, name: b}",
        "{name: a, bogus: 1}",
        "{name: a, ttl: }",
        "{name: a, ttl: '${TTL}'}",
        "{name: a, ttl: 5s}",
        "{name: 'a_b'}",
        "{name: ns}",
        "{name: a, ports: {name: http, port: 80}}",
        "{name: a, ports: [{name: http}]}",
        "{name: a, ports: [{name: http, port: 80, port: 81}]}",
        "{name: a, ports: [{name: http, port: 80}, {name: http, port: 81}]}",
        "{name: a, ports: [{name: http, protocol: sctp, port: 80}]}",
        "{name: a, endpoints: [{address: web.local}]}",
        "{name: a, endpoints: [{hostname: x}]}",
        "{name: a, endpoints: [10.0.0.1]}",
        "{name: a, endpoints: [{address: 10.0.0.1}, {address: 10.0.0.1}]}",
        "{name: a, endpoints: [{address: 10.0.0.1, hostname: x}, {address: 10.0.0.2, hostname: x}]}",
        "{name: a, endpoints: [{address: 10.0.0.1, weight: 65536}]}",
        // The same "0" (one string, see ItemTokens) is a good weight, then a bad port.
        "{name: a, endpoints: [{address: 10.0.0.1, weight: 0}], ports: [{name: h, port: 0}]}",
        "{name: a, health: {type: http}}",
        "{name: a, health: {type: tcp, interval: 1s, timeout: 2s}}",
        "{name: a, health: }",
      })
  void givesUpWhereTheGeneralReaderMustLook(String service) throws Exception {
    FastServiceReader reader = reader();
    List<Service> read = new ArrayList<>();
    readItems("services: [" + service + "]", (i, item) -> read.add(reader.read(item, i)));

    assertThat(read).hasSize(1).containsOnlyNulls();
  }

  private FastServiceReader reader() {
    return new FastServiceReader(context(), 30, new HashMap<>(), new HashMap<>());
  }

  private LoadContext context() {
    return new LoadContext(new Problems("f.yaml"), TestConfigs.env(dir, Map.of()), dir);
  }

  private static void readItems(String yaml, YamlTreeReader.ListListener listener)
      throws Exception {
    YamlTreeReader.read(new StringReader(yaml), listener, false);
  }

  private Section root(List<YamlNode> services) {
    YamlNode.Mapping root =
        new YamlNode.Mapping(
            1, List.of(new YamlNode.Entry("services", 1, new YamlNode.Sequence(1, services))));
    return Section.of(context(), "", 1, root, ConfigLoader.ROOT_KEYS);
  }
}
