package dev.wayfinder.pdns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wayfinder.config.ConfigException;
import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.zone.ZoneSnapshot;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The remote-backend calls, as PowerDNS makes them, answered from one zone snapshot. */
class RemoteBackendTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static final String YAML =
      """
      dns:
        listen: ["127.0.0.1:5399"]
        zone: example.org
        ttl: 30
      services:
        - name: web
          ttl: 10
          ports: [{name: http, protocol: tcp, port: 8080}]
          endpoints:
            - {address: 10.0.0.1, hostname: web-a}
            - {address: "fd00::1"}
      """;

  static ZoneSnapshot snapshot() {
    WayfinderConfig c;
    try {
      c = ConfigLoader.parse("t.yaml", YAML);
    } catch (ConfigException e) {
      throw new AssertionError(e);
    }
    return ZoneSnapshot.build(c.dns(), c.services(), HealthView.allHealthy(), 7);
  }

  private static final ZoneSnapshot SNAPSHOT = snapshot();
  private final RemoteBackend backend = new RemoteBackend(() -> SNAPSHOT);

  private JsonNode call(String json) throws Exception {
    return MAPPER.readTree(backend.handle(json)).get("result");
  }

  @Test
  void initializeIsAccepted() throws Exception {
    assertThat(call("{\"method\":\"initialize\",\"parameters\":{\"path\":\"/x\"}}").asBoolean())
        .isTrue();
  }

  @Test
  void lookupIsCaseInsensitiveAndFiltersByType() throws Exception {
    JsonNode a =
        call(
            "{\"method\":\"lookup\",\"parameters\":{\"qname\":\"WEB.Example.ORG.\","
                + "\"qtype\":\"A\",\"zone-id\":-1}}");
    assertThat(a.size()).isEqualTo(1);
    assertThat(a.get(0).get("qtype").asText()).isEqualTo("A");
    assertThat(a.get(0).get("qname").asText()).isEqualTo("web.example.org.");
    assertThat(a.get(0).get("content").asText()).isEqualTo("10.0.0.1");
    assertThat(a.get(0).get("ttl").asLong()).isEqualTo(10);
    assertThat(a.get(0).get("auth").asBoolean()).isTrue();
  }

  @Test
  void lookupAnyGivesEveryTypeAtTheName() throws Exception {
    JsonNode any =
        call(
            "{\"method\":\"lookup\",\"parameters\":{\"qname\":\"web.example.org.\",\"qtype\":\"ANY\"}}");
    assertThat(types(any)).containsExactlyInAnyOrder("A", "AAAA");
  }

  @Test
  void srvContentCarriesPriorityWeightPortAndTarget() throws Exception {
    JsonNode srv =
        call(
            "{\"method\":\"lookup\",\"parameters\":{\"qname\":\"_http._tcp.web.example.org.\","
                + "\"qtype\":\"SRV\"}}");
    assertThat(srv.get(0).get("content").asText()).isEqualTo("0 1 8080 web-a.web.example.org.");
  }

  @Test
  void nothingIsFalse() throws Exception {
    assertThat(
            call("{\"method\":\"lookup\",\"parameters\":{\"qname\":\"no.example.org.\",\"qtype\":\"A\"}}")
                .isBoolean())
        .isTrue();
    assertThat(
            call("{\"method\":\"getDomainKeys\",\"parameters\":{\"name\":\"example.org.\"}}")
                .asBoolean())
        .isFalse();
    assertThat(call("not json").asBoolean()).isFalse();
  }

  @Test
  void anEmptyNonTerminalIsMarkedForAny() throws Exception {
    JsonNode any =
        call(
            "{\"method\":\"lookup\",\"parameters\":{\"qname\":\"_tcp.web.example.org.\","
                + "\"qtype\":\"ANY\"}}");
    assertThat(types(any)).containsExactly("ENT");
    assertThat(
            call("{\"method\":\"lookup\",\"parameters\":{\"qname\":\"example.org.\","
                    + "\"qtype\":\"ANY\"}}")
                .toString())
        .doesNotContain("ENT");
  }

  @Test
  void theZoneIsOneNativeDomainWithTheSnapshotsSerial() throws Exception {
    JsonNode all =
        call("{\"method\":\"getAllDomains\",\"parameters\":{\"include_disabled\":false}}");
    assertThat(all.size()).isEqualTo(1);
    assertThat(all.get(0).get("zone").asText()).isEqualTo("example.org.");
    assertThat(all.get(0).get("serial").asLong()).isEqualTo(7);
    assertThat(all.get(0).get("kind").asText()).isEqualTo("native");
    JsonNode info =
        call("{\"method\":\"getDomainInfo\",\"parameters\":{\"name\":\"Example.org\"}}");
    assertThat(info.get("id").asInt()).isEqualTo(RemoteBackend.DOMAIN_ID);
    assertThat(
            call("{\"method\":\"getDomainInfo\",\"parameters\":{\"name\":\"other.org.\"}}")
                .asBoolean())
        .isFalse();
    assertThat(
            call("{\"method\":\"getAllDomainMetadata\",\"parameters\":{\"name\":\"example.org.\"}}")
                .isObject())
        .isTrue();
    assertThat(
            call("{\"method\":\"getDomainMetadata\",\"parameters\":{\"name\":\"example.org.\",\"kind\":\"PRESIGNED\"}}")
                .isArray())
        .isTrue();
  }

  @Test
  void listGivesEveryRecordWithTheSoaOnce() throws Exception {
    JsonNode list =
        call(
            "{\"method\":\"list\",\"parameters\":{\"zonename\":\"example.org.\",\"domain_id\":1}}");
    assertThat(types(list).stream().filter(t -> t.equals("SOA")).count()).isEqualTo(1);
    assertThat(types(list)).contains("NS", "A", "AAAA", "SRV");
    assertThat(
            call("{\"method\":\"list\",\"parameters\":{\"zonename\":\"x.org.\",\"domain_id\":9}}")
                .asBoolean())
        .isFalse();
  }

  @Test
  void restPathsCarryTheNameLikeParameters() throws Exception {
    JsonNode a = backend.rest(List.of("lookup", "web.example.org.", "AAAA")).get("result");
    assertThat(InetAddress.getByName(a.get(0).get("content").asText()))
        .isEqualTo(InetAddress.getByName("fd00::1"));
    assertThat(
            backend
                .rest(List.of("getDomainInfo", "example.org."))
                .get("result")
                .get("zone")
                .asText())
        .isEqualTo("example.org.");
    assertThat(backend.rest(List.of("list", "1", "example.org.")).get("result").isArray()).isTrue();
    assertThat(backend.rest(List.of("getAllDomains")).get("result").size()).isEqualTo(1);
    assertThat(backend.rest(List.of("initialize")).get("result").asBoolean()).isTrue();
    assertThat(backend.rest(List.of()).get("result").asBoolean()).isFalse();
  }

  private static List<String> types(JsonNode records) {
    List<String> out = new ArrayList<>();
    records.forEach(r -> out.add(r.get("qtype").asText()));
    return out;
  }
}
