package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wayfinder.cli.CtlRun;
import dev.wayfinder.testing.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wayfinder ctl} against a real daemon's admin API: every subcommand as a table and with
 * {@code --json}, the exit codes of a missing service (3) and a refused change (4: a config-file
 * service, an invalid body, a missing token), and {@code events --follow} printing a drain as it
 * happens.
 */
class CtlE2eTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SEEN = Duration.ofSeconds(10);
  private static final Duration CHILD = Duration.ofSeconds(60);

  @TempDir static Path dir;
  static RunningDaemon daemon;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    daemon = RunningDaemon.start(new E2eConfig(Files.createDirectories(dir.resolve("a"))).yaml());
    admin = url(daemon);
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static String url(RunningDaemon d) {
    return "http://127.0.0.1:" + d.adminAddress().getPort();
  }

  private static CtlRun ctl(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--admin";
    all[1] = admin;
    System.arraycopy(args, 0, all, 2, args.length);
    return CtlRun.of(all);
  }

  private static CtlRun ok(String... args) {
    CtlRun r = ctl(args);
    assertThat(r.exit()).as("ctl %s: %s", String.join(" ", args), r.err()).isZero();
    return r;
  }

  @Test
  void servicesAndShowReadTheDaemon() throws Exception {
    CtlRun table = ok("services");
    CtlRun json = ok("services", "--json");
    CtlRun show = ok("show", "web");
    CtlRun showJson = ok("--json", "show", "web");

    assertThat(table.out().lines().findFirst())
        .contains("NAME      SOURCE  ENDPOINTS  HEALTHY  MAINTENANCE");
    assertThat(table.out()).containsPattern("(?m)^web +config +3 +\\d +off$");
    assertThat(JSON.readTree(json.out()).get("services").findValuesAsText("name"))
        .contains("web", "api.prod", "v4only", "big");
    assertThat(show.out()).startsWith("web  source: config  ttl: 10s  maintenance: off\n");
    assertThat(show.out()).contains("ports: http 8080/tcp");
    assertThat(show.out())
        .containsPattern("(?m)^ADDRESS +HOSTNAME +STATE +LAST-PROBE +LATENCY +DETAIL$");
    assertThat(show.out()).containsPattern("(?m)^10\\.0\\.0\\.1 +web-a +\\w+ ");
    assertThat(show.out()).containsPattern("(?m)^fd00:[0-9a-f:]+ +- ");
    JsonNode web = JSON.readTree(showJson.out());
    assertThat(web.get("name").asText()).isEqualTo("web");
    assertThat(web.get("source").asText()).isEqualTo("config");
    assertThat(web.get("endpoints")).hasSize(3);
  }

  @Test
  void putShowAndDeleteAnApiService() throws Exception {
    Path yaml =
        Files.writeString(
            dir.resolve("cart.yaml"),
            "ttl: 20\nports: [{name: http, protocol: tcp, port: 80}]\n"
                + "endpoints:\n  - address: 10.7.0.1\n  - {address: 10.7.0.2, weight: 5}\n");

    CtlRun created = ok("put", "cart", "-f", yaml.toString());
    CtlRun replaced = ok("put", "cart", "-f", yaml.toString(), "--json");
    CtlRun shown = ok("show", "cart");
    CtlRun deleted = ok("delete", "cart");
    CtlRun gone = ctl("show", "cart");

    assertThat(created.out()).isEqualTo("created cart\n");
    JsonNode cart = JSON.readTree(replaced.out());
    assertThat(cart.get("source").asText()).isEqualTo("api");
    assertThat(cart.get("endpoints").get(1).get("weight").asInt()).isEqualTo(5);
    assertThat(shown.out()).startsWith("cart  source: api  ttl: 20s");
    assertThat(deleted.out()).isEqualTo("deleted cart\n");
    assertThat(gone.exit()).isEqualTo(3);
    assertThat(gone.err()).startsWith("wayfinder ctl: HTTP 404: ");
    assertThat(gone.err().lines()).hasSize(1);
  }

  @Test
  void refusedChangesExitFourWithTheApisMessage() throws Exception {
    Path web =
        Files.writeString(
            dir.resolve("web.json"), "{\"endpoints\": [{\"address\": \"10.9.0.1\"}]}");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "endpoints:\n  - address: not-an-ip\n");

    CtlRun deleteConfig = ctl("delete", "web");
    CtlRun putConfig = ctl("put", "web", "-f", web.toString());
    CtlRun invalid = ctl("put", "shop", "-f", bad.toString());
    CtlRun noEndpoint = ctl("drain", "web", "10.99.0.1");

    assertThat(deleteConfig.exit()).isEqualTo(4);
    assertThat(deleteConfig.err()).startsWith("wayfinder ctl: HTTP 409: ");
    assertThat(putConfig.exit()).isEqualTo(4);
    assertThat(putConfig.err()).startsWith("wayfinder ctl: HTTP 409: ");
    assertThat(invalid.exit()).isEqualTo(4);
    assertThat(invalid.err())
        .startsWith("wayfinder ctl: HTTP 400: ")
        .contains("(field services[0].endpoints[0].address)");
    assertThat(noEndpoint.exit()).isEqualTo(3);
  }

  @Test
  void drainUndrainAndMaintenance() throws Exception {
    CtlRun drained = ok("drain", "api.prod", "10.0.1.2");
    CtlRun drainedJson = ok("--json", "show", "api.prod");
    CtlRun undrained = ok("undrain", "api.prod", "10.0.1.2");
    CtlRun v6 = ok("drain", "web", "fd00::1");
    ok("undrain", "web", "fd00::1");
    CtlRun on = ok("maintenance", "v4only", "on");
    CtlRun listed = ok("services");
    CtlRun off = ok("maintenance", "v4only", "off", "--json");
    CtlRun events = ok("events");
    CtlRun eventsJson = ok("events", "--json");

    assertThat(drained.out()).isEqualTo("api.prod 10.0.1.2: drained, now draining\n");
    assertThat(JSON.readTree(drainedJson.out()).get("endpoints").get(1).get("state").asText())
        .isEqualTo("draining");
    assertThat(undrained.out()).startsWith("api.prod 10.0.1.2: undrained");
    assertThat(v6.out()).isEqualTo("web fd00::1: drained, now draining\n");
    assertThat(on.out()).isEqualTo("v4only: maintenance on\n");
    assertThat(listed.out()).containsPattern("(?m)^v4only +config +1 +\\d +on$");
    assertThat(JSON.readTree(off.out()).get("maintenance").asBoolean()).isFalse();
    assertThat(events.out().lines().findFirst())
        .hasValueSatisfying(
            h -> assertThat(h).matches("TIME +SERVICE +ENDPOINT +FROM +TO +REASON"));
    assertThat(events.out())
        .containsPattern("(?m)^\\S+Z +api\\.prod +10\\.0\\.1\\.2 +\\w+ +draining ");
    assertThat(JSON.readTree(eventsJson.out()).get("events").findValuesAsText("to"))
        .contains("draining");
  }

  @Test
  void aTokenIsSentAndAMissingOneIsRefused() throws Exception {
    String yaml =
        new E2eConfig(Files.createDirectories(dir.resolve("t")))
            .yaml()
            .replace(
                "admin:\n  listen: \"127.0.0.1:0\"\n",
                "admin:\n  listen: \"127.0.0.1:0\"\n  token: \"t0ken\"\n");
    try (RunningDaemon guarded = RunningDaemon.start(yaml)) {
      String url = url(guarded);

      CtlRun without = CtlRun.of("--admin", url, "services");
      CtlRun wrong = CtlRun.of("--admin", url, "--token", "nope", "services");
      CtlRun right = CtlRun.of("--admin", url, "--token", "t0ken", "services");

      assertThat(without.exit()).isEqualTo(4);
      assertThat(without.err()).startsWith("wayfinder ctl: HTTP 401: ");
      assertThat(wrong.exit()).isEqualTo(4);
      assertThat(right.exit()).as(right.err()).isZero();
      assertThat(right.out()).contains("web");
      assertThat(right.out() + right.err()).doesNotContain("t0ken");

      List<String> child = ChildJvm.command("ctl", "--admin", url, "services");
      ProcessRun fromEnv = ProcessRun.of(CHILD, withEnv("WAYFINDER_TOKEN=t0ken", child));
      ProcessRun unset = ProcessRun.of(CHILD, withEnv("-u", "WAYFINDER_TOKEN", child));
      assertThat(fromEnv.exitCode()).as(fromEnv.stderr()).isZero();
      assertThat(fromEnv.stdout()).containsPattern("(?m)^web +config ");
      assertThat(unset.exitCode()).isEqualTo(4);
      assertThat(unset.stderr()).startsWith("wayfinder ctl: HTTP 401: ");
    }
  }

  /** {@code command} run by {@code env(1)} with one setting ({@code VAR=VALUE}). */
  private static List<String> withEnv(String setting, List<String> command) {
    List<String> all = new ArrayList<>(List.of("env", setting));
    all.addAll(command);
    return all;
  }

  /** {@code command} run by {@code env(1)} with an option and its value ({@code -u VAR}). */
  private static List<String> withEnv(String option, String value, List<String> command) {
    List<String> all = new ArrayList<>(List.of("env", option, value));
    all.addAll(command);
    return all;
  }

  @Test
  void eventsFollowPrintsADrainAsItHappensUntilTheStreamEnds() throws Exception {
    RunningDaemon own =
        RunningDaemon.start(new E2eConfig(Files.createDirectories(dir.resolve("f"))).yaml());
    try {
      String url = url(own);
      CtlRun.Live table = CtlRun.start("--admin", url, "events", "--follow");
      CtlRun.Live json = CtlRun.start("--admin", url, "--json", "events", "--follow");
      await().atMost(SEEN).until(() -> table.out().startsWith("TIME"));

      CtlRun drain = CtlRun.of("--admin", url, "drain", "web", "10.0.0.2");
      assertThat(drain.exit()).as(drain.err()).isZero();

      await()
          .atMost(SEEN)
          .until(
              () ->
                  table
                      .out()
                      .lines()
                      .anyMatch(l -> l.matches("\\S+Z +web +10\\.0\\.0\\.2 +\\w+ +draining .*")));
      await().atMost(SEEN).until(() -> json.out().contains("\"10.0.0.2\""));
      JsonNode event =
          JSON.readTree(
              json.out().lines().filter(l -> l.contains("\"10.0.0.2\"")).findFirst().orElseThrow());
      assertThat(event.get("service").asText()).isEqualTo("web");
      assertThat(event.get("to").asText()).isEqualTo("draining");

      own.close();
      for (CtlRun.Live follower : new CtlRun.Live[] {table, json}) {
        CtlRun ended = follower.result().get(SEEN.toSeconds(), TimeUnit.SECONDS);
        assertThat(ended.exit()).isEqualTo(1);
        assertThat(ended.err()).contains("ended the event stream");
      }
    } finally {
      own.close();
    }
  }
}
