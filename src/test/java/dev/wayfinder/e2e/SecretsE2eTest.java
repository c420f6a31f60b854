package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.DigRunner;
import dev.wayfinder.testing.FreePorts;
import dev.wayfinder.testing.PeerProcess;
import dev.wayfinder.testing.ProcessRun;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md: "Secrets (TSIG secrets, the admin token, webhook secrets) are never logged and never
 * returned by any endpoint." A {@code serve} process of its own with all three set, its log
 * captured whole: transfers signed with the key and refused with a wrong one, publishing with the
 * key and the webhook secret to targets that fail (so their errors are logged), reads and a write
 * through the API; then every GET path's answer, headers included, the whole log, and what {@code
 * check} prints for the file and for a broken copy of it hold none of the three.
 */
class SecretsE2eTest {
  private static final Duration JVM_RUN = Duration.ofSeconds(60);
  private static final Pattern ADMIN =
      Pattern.compile("admin API on http://127\\.0\\.0\\.1:(\\d+)");
  private static final String KEY = "soak-key";
  private static final String TSIG_SECRET = "dHNpZy1zZWNyZXQtbmV2ZXItc2hvd24tMDEyMzQ1Njc4OQ==";
  private static final String TOKEN = "admin-token-never-shown-7f3a9c";
  private static final String HOOK_SECRET = "hook-secret-never-shown-4b8e2d";
  private static final List<String> SECRETS = List.of(TSIG_SECRET, TOKEN, HOOK_SECRET);

  /** Every GET the admin listener serves, guarded or open. */
  private static final List<String> PATHS =
      List.of(
          "/healthz",
          "/readyz",
          "/metrics",
          "/api/v1/services",
          "/api/v1/services/web",
          "/api/v1/services/added",
          "/api/v1/events",
          "/api/v1/publish",
          "/api/v1/cluster",
          "/diagnostics",
          "/",
          "/pdns/lookup/web.svc.cluster.local./ANY");

  @TempDir Path dir;

  @Test
  void noSecretIsLoggedOrAnswered() throws Exception {
    int port = FreePorts.udpAndTcp();
    int closed = FreePorts.udpAndTcp(); // nothing listens: publishing there fails
    Path config = dir.resolve("wayfinder.yaml");
    String yaml =
        new E2eConfig(dir.resolve("data"))
                .listen("127.0.0.1:" + port)
                .transferTsig(KEY, "hmac-sha256", TSIG_SECRET)
                .yaml()
                .replace(
                    "admin:\n  listen: \"127.0.0.1:0\"\n",
                    "admin:\n  listen: \"127.0.0.1:0\"\n  token: \"" + TOKEN + "\"\n")
            + """
            publish:
              - type: webhook
                url: "http://127.0.0.1:%d/hook"
                secret: "%s"
              - type: rfc2136
                server: "127.0.0.1:%d"
                zone: example.org
                tsig: %s
                records: [{service: web, name: www.example.org, ttl: 30}]
            """
                .formatted(closed, HOOK_SECRET, closed, KEY);
    Files.writeString(config, yaml);
    DigRunner dig = new DigRunner(new InetSocketAddress(FreePorts.loopback(), port));

    List<String> seen = new ArrayList<>();
    try (PeerProcess serve =
        PeerProcess.start("serve", dir, ChildJvm.command("serve", "--config", config.toString()))) {
      serve.awaitReady(JVM_RUN, () -> dig.dig(fqdn("web"), "A").answered());
      AdminClient api = new AdminClient(adminAddress(serve), TOKEN);

      DigResult signed = dig.dig(fqdn(""), "AXFR", "-y", "hmac-sha256:" + KEY + ":" + TSIG_SECRET);
      assertThat(signed.raw()).contains("IN\tSOA");
      DigResult forged =
          dig.dig(fqdn(""), "AXFR", "-y", "hmac-sha256:" + KEY + ":" + "AAAA" + TSIG_SECRET);
      assertThat(forged.raw()).doesNotContain("IN\tA\t10.0.0.1");
      String added = "{\"endpoints\": [{\"address\": \"10.7.0.1\"}]}";
      assertThat(api.put("/api/v1/services/added", added).statusCode()).isEqualTo(201);
      await("both publish targets failing, their errors logged")
          .atMost(Duration.ofSeconds(30))
          .until(() -> api.get("/api/v1/publish").body().split("\"failing\"").length == 3);
      assertThat(api.withToken(null).get("/api/v1/services").statusCode()).isEqualTo(401);

      for (String path : PATHS) {
        HttpResponse<String> r = api.get(path);
        seen.add(path + " " + r.statusCode() + " " + r.headers().map() + "\n" + r.body());
      }
      seen.add(serve.log());
    }
    ProcessRun validCheck = check(config);
    assertThat(validCheck.exitCode()).isZero();
    seen.add(validCheck.stdout() + validCheck.stderr());
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, yaml.replace("ttl: 10\n", "ttl: ten\n") + "bogus: 1\n");
    ProcessRun brokenCheck = check(broken);
    assertThat(brokenCheck.exitCode()).isEqualTo(2);
    seen.add(brokenCheck.stdout() + brokenCheck.stderr());

    for (String text : seen) {
      for (String secret : SECRETS) {
        assertThat(text).as("no secret in:\n%s", text).doesNotContain(secret);
      }
    }
  }

  private static ProcessRun check(Path config) {
    return ProcessRun.of(JVM_RUN, ChildJvm.command("check", "--config", config.toString()));
  }

  /** The admin listener's address, from the log line that reports it (it asked for port 0). */
  private static InetSocketAddress adminAddress(PeerProcess serve) {
    serve.awaitReady(JVM_RUN, () -> ADMIN.matcher(serve.log()).find());
    Matcher m = ADMIN.matcher(serve.log());
    assertThat(m.find()).isTrue();
    return new InetSocketAddress(FreePorts.loopback(), Integer.parseInt(m.group(1)));
  }
}
