package dev.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code wayfinder ctl} against a small HTTP server speaking the admin API's contract: the tables,
 * {@code --json}, the requests it sends, and the exit code of each kind of failure.
 */
class CtlCommandTest {
  private static final String SERVICE =
      """
      {"name": "web", "ttl": 10, "ports": [{"name": "http", "protocol": "tcp", "port": 8080}],
       "endpoints": [
         {"address": "10.0.0.1", "hostname": "web-1", "weight": 1, "priority": 0,
          "state": "healthy", "last_probe": {"time": "2026-12-07T03:01:02.345Z", "ok": true,
          "detail": "HTTP 200", "latency_ms": 3}},
         {"address": "10.0.0.2", "weight": 1, "priority": 0, "state": "draining",
          "last_probe": null}],
       "health": {"type": "http", "target": "/healthz", "interval": "1s", "timeout": "1s",
          "rise": 2, "fall": 3, "expect_status": "200-399"},
       "fail_open": true, "max_answers": 0, "source": "config", "maintenance": false}
      """;
  private static final String EVENT =
      "{\"time\": \"2026-12-07T03:01:02Z\", \"service\": \"web\", \"endpoint\": \"10.0.0.2\","
          + " \"from\": \"healthy\", \"to\": \"draining\", \"reason\": \"drained through the API\"}";

  @TempDir Path dir;
  private HttpServer server;
  private String url;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch followers = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String auth = x.getRequestHeaders().getFirst("Authorization");
    String path = x.getRequestURI().getRawPath();
    String query = x.getRequestURI().getRawQuery();
    requests.add(x.getRequestMethod() + " " + path + (body.isEmpty() ? "" : " " + body));
    if (auth != null && !auth.equals("Bearer t0k")) {
      reply(x, 401, "{\"error\": \"a valid Bearer token is required\"}");
      return;
    }
    switch (x.getRequestMethod() + " " + path) {
      case "GET /api/v1/services" -> reply(x, 200, "{\"services\": [" + SERVICE + "]}");
      case "GET /api/v1/services/web" -> reply(x, 200, SERVICE);
      case "PUT /api/v1/services/api-svc" ->
          reply(x, 201, SERVICE.replace("\"config\"", "\"api\""));
      case "PUT /api/v1/services/web", "DELETE /api/v1/services/web" ->
          reply(x, 409, "{\"error\": \"service web comes from the config file; change it there\"}");
      case "DELETE /api/v1/services/api-svc" -> reply(x, 204, "");
      case "POST /api/v1/services/web/endpoints/10.0.0.2/drain",
          "POST /api/v1/services/web/maintenance" ->
          reply(x, 200, SERVICE);
      case "PUT /api/v1/services/bad" ->
          reply(
              x,
              400,
              "{\"error\": \"not an IP address: x\", \"field\":"
                  + " \"services[0].endpoints[0].address\"}");
      case "GET /api/v1/events" -> {
        if ("follow=1".equals(query)) {
          stream(x);
        } else {
          reply(x, 200, "{\"events\": [" + EVENT + "]}");
        }
      }
      default -> reply(x, 404, "{\"error\": \"no service nope\"}");
    }
  }

  private static void reply(HttpExchange x, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, status == 204 ? -1 : b.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(b);
    }
  }

  /** Two events, then the stream stays open until the test has seen them. */
  private void stream(HttpExchange x) throws IOException {
    x.getResponseHeaders().set("Content-Type", "text/event-stream");
    x.sendResponseHeaders(200, 0);
    try (OutputStream out = x.getResponseBody()) {
      for (int i = 0; i < 2; i++) {
        out.write(("data: " + EVENT + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      followers.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private CtlRun ctl(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--admin";
    all[1] = url;
    System.arraycopy(args, 0, all, 2, args.length);
    return CtlRun.of(all);
  }

  @Test
  void servicesPrintsAnAlignedTable() {
    CtlRun r = ctl("services");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().toList())
        .containsExactly(
            "NAME  SOURCE  ENDPOINTS  HEALTHY  MAINTENANCE",
            "web   config  2          1        off");
  }

  @Test
  void showPrintsTheHeaderAndTheEndpoints() {
    CtlRun r = ctl("show", "web");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("web  source: config  ttl: 10s  maintenance: off")
        .contains("health: http /healthz every 1s, timeout 1s, rise 2, fall 3");
    assertThat(r.out().lines().filter(l -> l.startsWith("ADDRESS") || l.startsWith("10.")))
        .containsExactly(
            "ADDRESS   HOSTNAME  STATE     LAST-PROBE               LATENCY  DETAIL",
            "10.0.0.1  web-1     healthy   ok 2026-12-07T03:01:02Z  3ms      HTTP 200",
            "10.0.0.2  -         draining  -                        -        -");
  }

  @Test
  void jsonPrintsTheApisJsonBeforeOrAfterTheSubcommand() throws Exception {
    CtlRun before = ctl("--json", "show", "web");
    CtlRun after = ctl("show", "web", "--json");

    assertThat(before.exit()).isZero();
    assertThat(AdminClient.JSON.readTree(before.out()))
        .isEqualTo(AdminClient.JSON.readTree(SERVICE));
    assertThat(after.out()).isEqualTo(before.out());
  }

  @Test
  void putSendsTheYamlFileAsJson() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("svc.yaml"),
            "ttl: 10\nports: [{name: http, protocol: tcp, port: 8080}]\n"
                + "endpoints:\n  - address: 10.0.0.1\n");

    CtlRun r = ctl("put", "api-svc", "-f", file.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("created api-svc\n");
    assertThat(requests)
        .containsExactly(
            "PUT /api/v1/services/api-svc {\"ttl\":10,\"ports\":[{\"name\":\"http\","
                + "\"protocol\":\"tcp\",\"port\":8080}],\"endpoints\":[{\"address\":\"10.0.0.1\"}]}");
  }

  @Test
  void changesSayWhatIsNowSo() {
    assertThat(ctl("delete", "api-svc").out()).isEqualTo("deleted api-svc\n");
    assertThat(ctl("drain", "web", "10.0.0.2").out())
        .isEqualTo("web 10.0.0.2: drained, now draining\n");
    assertThat(ctl("maintenance", "web", "off").out()).isEqualTo("web: maintenance off\n");
    assertThat(requests)
        .contains(
            "POST /api/v1/services/web/endpoints/10.0.0.2/drain {}",
            "POST /api/v1/services/web/maintenance {\"on\":false}");
  }

  @Test
  void exitCodesTellScriptsWhatWentWrong() throws Exception {
    Path file =
        Files.writeString(dir.resolve("svc.json"), "{\"endpoints\": [{\"address\": \"x\"}]}");

    CtlRun missing = ctl("show", "nope");
    CtlRun configOwned = ctl("delete", "web");
    CtlRun invalid = ctl("put", "bad", "-f", file.toString());
    CtlRun badToken = ctl("--token", "wrong", "services");
    CtlRun usage = ctl("maintenance", "web");
    CtlRun badMode = ctl("maintenance", "web", "maybe");
    CtlRun noFile = ctl("put", "x", "-f", dir.resolve("absent.yaml").toString());

    assertThat(missing.exit()).isEqualTo(3);
    assertThat(missing.err()).isEqualTo("wayfinder ctl: HTTP 404: no service nope\n");
    assertThat(configOwned.exit()).isEqualTo(4);
    assertThat(configOwned.err()).contains("HTTP 409: service web comes from the config file");
    assertThat(invalid.exit()).isEqualTo(4);
    assertThat(invalid.err())
        .isEqualTo(
            "wayfinder ctl: HTTP 400: not an IP address: x"
                + " (field services[0].endpoints[0].address)\n");
    assertThat(badToken.exit()).isEqualTo(4);
    assertThat(badToken.err()).contains("HTTP 401: a valid Bearer token is required");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(badMode.exit()).isEqualTo(2);
    assertThat(noFile.exit()).isEqualTo(2);
    assertThat(noFile.err()).contains("cannot read");
  }

  @Test
  void anUnreachableApiIsOneLineAndExitOne() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String nowhere = "http://127.0.0.1:" + port;

    CtlRun r = CtlRun.of("--admin", nowhere, "services");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("wayfinder ctl: cannot reach the admin API at " + nowhere);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void eventsPrintsATableAndFollowPrintsEachAsItArrives() throws Exception {
    CtlRun table = ctl("events");
    assertThat(table.out().lines().toList())
        .containsExactly(
            "TIME                  SERVICE  ENDPOINT  FROM     TO        REASON",
            "2026-12-07T03:01:02Z  web      10.0.0.2  healthy  draining  drained through the API");

    StringWriter out = new StringWriter();
    Thread follower =
        Thread.ofVirtual()
            .start(
                () -> {
                  CommandLine cl = new CommandLine(new Main());
                  cl.setOut(new PrintWriter(out, true));
                  cl.setErr(new PrintWriter(new StringWriter(), true));
                  cl.execute("ctl", "--admin", url, "events", "--follow", "--json");
                });
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> out.toString().lines().filter(l -> l.contains("draining")).count() == 2);
      assertThat(AdminClient.JSON.readTree(out.toString().lines().findFirst().orElseThrow()))
          .isEqualTo(AdminClient.JSON.readTree(EVENT));
    } finally {
      followers.countDown();
      follower.join(Duration.ofSeconds(10));
    }
    assertThat(follower.isAlive()).isFalse();
  }
}
