package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.AdminClient.json;
import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.testing.DigRunner;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "HTTP admin API" over real HTTP against a daemon started in-process: each endpoint, its
 * status codes and the error shape, and DNS answering what the API changed.
 */
class AdminApiE2eTest {
  private static final Duration VISIBLE = Duration.ofSeconds(5);

  static final String CART =
      """
      {"ttl": 30, "ports": [{"name": "http", "port": 8080}],
       "endpoints": [{"address": "10.7.0.1"}, {"address": "10.7.0.2", "weight": 5}]}
      """;

  @TempDir Path dir;
  RunningDaemon daemon;
  AdminClient api;
  DigRunner dig;

  @BeforeEach
  void start() throws Exception {
    daemon = RunningDaemon.start(new E2eConfig(dir).yaml());
    api = daemon.admin();
    dig = daemon.client();
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  @Test
  void healthzAndReadyzAreJson() {
    HttpResponse<String> healthz = api.get("/healthz");
    assertThat(healthz.statusCode()).isEqualTo(200);
    assertThat(json(healthz).get("status").asText()).isEqualTo("ok");

    // No service of the suite's config is probed, so the first round is done at once.
    HttpResponse<String> readyz = api.get("/readyz");
    assertThat(readyz.statusCode()).isEqualTo(200);
    assertThat(json(readyz).get("status").asText()).isEqualTo("ready");
  }

  @Test
  void metricsArePrometheusText() {
    HttpResponse<String> r = api.get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
    assertThat(r.body()).contains("# TYPE wayfinder_endpoints gauge");
  }

  @Test
  void listsServicesWithSourceAndEndpointStates() {
    HttpResponse<String> r = api.get("/api/v1/services");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode services = json(r).get("services");
    assertThat(services).hasSize(4);
    JsonNode web = services.get(0);
    assertThat(web.get("name").asText()).isEqualTo("web");
    assertThat(web.get("source").asText()).isEqualTo("config");
    assertThat(web.get("maintenance").asBoolean()).isFalse();
    assertThat(web.get("ttl").asLong()).isEqualTo(10);
    assertThat(web.get("ports").get(0).get("port").asInt()).isEqualTo(8080);
    JsonNode first = web.get("endpoints").get(0);
    assertThat(first.get("address").asText()).isEqualTo("10.0.0.1");
    assertThat(first.get("hostname").asText()).isEqualTo("web-a");
    assertThat(first.get("state").asText()).isEqualTo("unknown");
    assertThat(first.get("last_probe").isNull()).isTrue();
    assertThat(web.has("health")).as("absent when there is none").isFalse();
  }

  @Test
  void getsOneServiceOr404() {
    assertThat(json(api.get("/api/v1/services/api.prod")).get("name").asText())
        .isEqualTo("api.prod");

    HttpResponse<String> missing = api.get("/api/v1/services/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("error").asText()).isEqualTo("no service nope");
    assertThat(json(missing).has("field")).isFalse();
  }

  @Test
  void putCreatesThenReplacesAndDnsAnswersIt() {
    HttpResponse<String> created = api.put("/api/v1/services/cart", CART);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode cart = json(created);
    assertThat(cart.get("source").asText()).isEqualTo("api");
    assertThat(cart.get("name").asText()).isEqualTo("cart");
    assertThat(cart.get("endpoints").get(1).get("weight").asInt()).isEqualTo(5);
    await()
        .atMost(VISIBLE)
        .untilAsserted(
            () ->
                assertThat(dig.dig(fqdn("cart"), "A").answers("A"))
                    .containsExactlyInAnyOrder("10.7.0.1", "10.7.0.2"));

    HttpResponse<String> replaced =
        api.put("/api/v1/services/cart", "{\"endpoints\": [{\"address\": \"10.7.0.9\"}]}");

    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    await()
        .atMost(VISIBLE)
        .untilAsserted(
            () -> assertThat(dig.dig(fqdn("cart"), "A").answers("A")).containsExactly("10.7.0.9"));
    assertThat(json(api.get("/api/v1/services/cart")).get("ttl").asLong())
        .as("the zone's default TTL once the body gives none")
        .isEqualTo(10);
  }

  @Test
  void deleteRemovesAnApiServiceFromDns() {
    assertThat(api.put("/api/v1/services/cart", CART).statusCode()).isEqualTo(201);
    await().atMost(VISIBLE).until(() -> dig.dig(fqdn("cart"), "A").answers("A").size() == 2);

    HttpResponse<String> deleted = api.delete("/api/v1/services/cart");

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    await().atMost(VISIBLE).until(() -> "NXDOMAIN".equals(dig.dig(fqdn("cart"), "A").status()));
    assertThat(api.get("/api/v1/services/cart").statusCode()).isEqualTo(404);
    assertThat(api.delete("/api/v1/services/cart").statusCode()).isEqualTo(404);
  }

  @Test
  void configFileServicesAreNotTheApis() {
    HttpResponse<String> put = api.put("/api/v1/services/web", CART);
    HttpResponse<String> delete = api.delete("/api/v1/services/web");

    assertThat(put.statusCode()).isEqualTo(409);
    assertThat(json(put).get("error").asText()).contains("config file");
    assertThat(delete.statusCode()).isEqualTo(409);
    assertThat(api.put("/api/v1/services/WEB.", CART).statusCode())
        .as("the name as the registry keys it")
        .isEqualTo(409);
    assertThat(dig.dig(fqdn("web"), "A").answers("A")).hasSize(2);
  }

  @Test
  void invalidBodiesAre400WithTheFieldAndCheckMessages() {
    assertError(
        api.put(
            "/api/v1/services/cart",
            "{\"endpoints\": [{\"address\": \"10.7.0.1\"}," + " {\"address\": \"10.7.0.300\"}]}"),
        400,
        "not an IP address (names are not looked up): 10.7.0.300",
        "services[0].endpoints[1].address");
    assertError(
        api.put("/api/v1/services/cart", "{\"endpoints\": [], \"colour\": \"red\"}"),
        400,
        "unknown key; expected one of [name, ttl, ports, endpoints, health, fail_open,"
            + " max_answers]",
        "services[0].colour");
    assertError(
        api.put("/api/v1/services/cart", "{\"ttl\": \"soon\"}"),
        400,
        "a ttl is whole seconds: soon",
        "services[0].ttl");
    assertError(
        api.put(
            "/api/v1/services/cart",
            "{\"endpoints\": [{\"address\": \"10.7.0.1\"}], \"health\": {\"type\": \"http\"}}"),
        400,
        "is required",
        "services[0].health.target");
    assertError(
        api.put("/api/v1/services/cart", "{\"name\": \"other\", \"endpoints\": []}"),
        400,
        "the body names service other but the URL names cart",
        "services[0].name");
    assertThat(api.get("/api/v1/services/cart").statusCode()).isEqualTo(404);
  }

  @Test
  void aNameThatCollidesWithAnotherServicesOwnerNameIs400() {
    // web-1 is the instance name of web's first endpoint.
    HttpResponse<String> r =
        api.put("/api/v1/services/web-1", "{\"endpoints\": [{\"address\": \"10.7.0.1\"}]}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("services[0].name");
    assertThat(json(r).get("error").asText()).contains("endpoint #1 of service web");
  }

  @Test
  void malformedBodiesAre400WithoutAField() {
    for (String body : new String[] {"{\"endpoints\": [", "not json", "[1, 2]", ""}) {
      HttpResponse<String> r = api.put("/api/v1/services/cart", body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(json(r).get("error").asText()).as(body).isNotEmpty();
      assertThat(json(r).has("field")).as(body).isFalse();
    }
  }

  @Test
  void drainAndUndrainChangeTheAnswerAndTheState() {
    HttpResponse<String> drained = api.post("/api/v1/services/web/endpoints/10.0.0.1/drain", "");

    assertThat(drained.statusCode()).isEqualTo(200);
    assertThat(json(drained).get("endpoints").get(0).get("state").asText()).isEqualTo("draining");
    await()
        .atMost(VISIBLE)
        .untilAsserted(
            () -> assertThat(dig.dig(fqdn("web"), "A").answers("A")).containsExactly("10.0.0.2"));

    HttpResponse<String> undrained =
        api.post("/api/v1/services/web/endpoints/10.0.0.1/undrain", "");

    assertThat(undrained.statusCode()).isEqualTo(200);
    assertThat(json(undrained).get("endpoints").get(0).get("state").asText()).isEqualTo("unknown");
    await().atMost(VISIBLE).until(() -> dig.dig(fqdn("web"), "A").answers("A").size() == 2);
  }

  @Test
  void drainOfAnIpv6EndpointTakesItsAddressInThePath() {
    HttpResponse<String> r = api.post("/api/v1/services/web/endpoints/fd00::1/drain", "");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    await().atMost(VISIBLE).until(() -> dig.dig(fqdn("web"), "AAAA").answers("AAAA").isEmpty());
  }

  @Test
  void drainOfAnUnknownServiceOrAddressIs404() {
    assertError(
        api.post("/api/v1/services/nope/endpoints/10.0.0.1/drain", ""),
        404,
        "no service nope",
        null);
    assertError(
        api.post("/api/v1/services/web/endpoints/10.9.9.9/drain", ""),
        404,
        "service web has no endpoint 10.9.9.9",
        null);
    assertError(
        api.post("/api/v1/services/web/endpoints/not-an-ip/undrain", ""),
        404,
        "service web has no endpoint not-an-ip",
        null);
  }

  @Test
  void maintenanceTakesTheServiceOutOfAnswersAndBack() {
    HttpResponse<String> on = api.post("/api/v1/services/web/maintenance", "{\"on\": true}");

    assertThat(on.statusCode()).isEqualTo(200);
    assertThat(json(on).get("maintenance").asBoolean()).isTrue();
    assertThat(json(on).get("endpoints").get(1).get("state").asText()).isEqualTo("maintenance");
    await().atMost(VISIBLE).until(() -> dig.dig(fqdn("web"), "A").answers("A").isEmpty());

    HttpResponse<String> off = api.post("/api/v1/services/web/maintenance", "{\"on\": false}");

    assertThat(json(off).get("maintenance").asBoolean()).isFalse();
    await().atMost(VISIBLE).until(() -> dig.dig(fqdn("web"), "A").answers("A").size() == 2);
  }

  @Test
  void maintenanceNeedsABooleanOn() {
    assertError(api.post("/api/v1/services/web/maintenance", "{}"), 400, null, "on");
    assertError(api.post("/api/v1/services/web/maintenance", "{\"on\": \"yes\"}"), 400, null, "on");
    assertError(api.post("/api/v1/services/web/maintenance", "{nope"), 400, null, null);
    assertError(
        api.post("/api/v1/services/nope/maintenance", "{\"on\": true}"),
        404,
        "no service nope",
        null);
  }

  @Test
  void eventsListsStateChangesNewestLast() {
    api.post("/api/v1/services/web/endpoints/10.0.0.1/drain", "");
    api.post("/api/v1/services/web/endpoints/10.0.0.2/drain", "");

    JsonNode events = json(api.get("/api/v1/events")).get("events");

    assertThat(events).hasSize(2);
    JsonNode last = events.get(1);
    assertThat(last.get("service").asText()).isEqualTo("web");
    assertThat(last.get("endpoint").asText()).isEqualTo("10.0.0.2");
    assertThat(last.get("from").asText()).isEqualTo("unknown");
    assertThat(last.get("to").asText()).isEqualTo("draining");
    assertThat(last.get("reason").asText()).isEqualTo("drained");
    assertThat(last.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void publishClusterAndDiagnosticsHaveTheirDefaults() {
    HttpResponse<String> publish = api.get("/api/v1/publish");
    assertThat(publish.statusCode()).isEqualTo(200);
    assertThat(json(publish).get("targets")).isEmpty();

    assertError(api.get("/api/v1/cluster"), 404, "cluster mode is off", null);

    HttpResponse<String> diagnostics = api.get("/diagnostics");
    assertThat(diagnostics.statusCode()).isEqualTo(200);
    assertThat(json(diagnostics).get("targets")).isEmpty();
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() {
    assertError(api.get("/nope"), 404, "no such path: /nope", null);
    assertError(api.get("/api/v1/nope"), 404, "no such path: /api/v1/nope", null);
    assertError(api.get("/api/v1/services/web/extra"), 404, null, null);

    HttpResponse<String> post = api.post("/api/v1/services", "{}");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET");
    assertThat(json(post).get("error").asText()).startsWith("method not allowed");
    assertThat(api.delete("/healthz").statusCode()).isEqualTo(405);
    assertThat(api.get("/api/v1/services/web/maintenance").statusCode()).isEqualTo(405);
    assertThat(api.get("/api/v1/services/web/endpoints/10.0.0.1/drain").statusCode())
        .isEqualTo(405);
  }

  @Test
  void theDashboardIsServedFromTheJar() {
    HttpResponse<String> index = api.get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(index.body()).containsIgnoringCase("<html");
    assertThat(api.get("/dashboard/index.html").body()).isEqualTo(index.body());

    assertThat(api.get("/dashboard/missing.js").statusCode()).isEqualTo(404);
    assertThat(api.get("/dashboard/%2e%2e/wayfinder-version.properties").statusCode())
        .isEqualTo(404);
    assertThat(api.get("/dashboard/.hidden.js").statusCode()).isEqualTo(404);
    assertThat(json(api.get("/dashboard/missing.js")).get("error").asText()).isNotEmpty();
  }

  /** An error answer: the status, {"error": message}, and "field" exactly when one is expected. */
  static void assertError(HttpResponse<String> r, int status, String message, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode body = json(r);
    if (message != null) {
      assertThat(body.get("error").asText()).isEqualTo(message);
    } else {
      assertThat(body.get("error").asText()).isNotEmpty();
    }
    if (field != null) {
      assertThat(body.get("field").asText()).as(r.body()).isEqualTo(field);
    } else {
      assertThat(body.has("field")).as(r.body()).isFalse();
    }
  }
}
