package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.AdminApiE2eTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code admin.token}: {@code /api/*}, {@code /metrics} and {@code /diagnostics} need {@code
 * Authorization: Bearer TOKEN} (401 with {@code WWW-Authenticate: Bearer} otherwise); {@code
 * /healthz}, {@code /readyz} and the dashboard's files stay open; the token is never in an answer.
 */
class AdminTokenE2eTest {
  private static final String TOKEN = "s3cret-t0ken-value";
  private static final List<String> GUARDED =
      List.of(
          "/api/v1/services",
          "/api/v1/services/web",
          "/api/v1/events",
          "/api/v1/publish",
          "/api/v1/nope",
          "/metrics",
          "/diagnostics");

  @TempDir Path dir;
  RunningDaemon daemon;
  AdminClient anonymous;

  @BeforeEach
  void start() throws Exception {
    String yaml =
        new E2eConfig(dir)
            .yaml()
            .replace(
                "admin:\n  listen: \"127.0.0.1:0\"\n",
                "admin:\n  listen: \"127.0.0.1:0\"\n  token: \"" + TOKEN + "\"\n");
    daemon = RunningDaemon.start(yaml);
    anonymous = daemon.admin();
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  @Test
  void guardedPathsNeedTheToken() {
    AdminClient wrong = anonymous.withToken("s3cret-t0ken-valuE");
    AdminClient right = anonymous.withToken(TOKEN);
    for (String path : GUARDED) {
      for (HttpResponse<String> denied : List.of(anonymous.get(path), wrong.get(path))) {
        assertError(denied, 401, "a valid Authorization: Bearer token is required", null);
        assertThat(denied.headers().firstValue("WWW-Authenticate")).as(path).contains("Bearer");
      }
      assertThat(right.get(path).statusCode()).as(path).isNotEqualTo(401);
    }
  }

  @Test
  void writesNeedTheTokenToo() {
    AdminClient right = anonymous.withToken(TOKEN);
    String body = "{\"endpoints\": [{\"address\": \"10.7.0.1\"}]}";

    assertThat(anonymous.put("/api/v1/services/cart", body).statusCode()).isEqualTo(401);
    assertThat(anonymous.post("/api/v1/services/web/endpoints/10.0.0.1/drain", "").statusCode())
        .isEqualTo(401);
    assertThat(anonymous.delete("/api/v1/services/cart").statusCode()).isEqualTo(401);
    assertThat(right.get("/api/v1/services/cart").statusCode())
        .as("nothing was written")
        .isEqualTo(404);

    assertThat(right.put("/api/v1/services/cart", body).statusCode()).isEqualTo(201);
    assertThat(right.post("/api/v1/services/web/endpoints/10.0.0.1/drain", "").statusCode())
        .isEqualTo(200);
  }

  @Test
  void healthReadinessAndTheDashboardStayOpen() {
    assertThat(anonymous.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/readyz").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/dashboard/index.html").statusCode()).isEqualTo(200);
  }

  /** PowerDNS's HTTP connector sends no token: the read-only remote backend stays open. */
  @Test
  void thePowerDnsBackendStaysOpen() {
    assertThat(anonymous.get("/pdns/getAllDomains").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/pdns/getAllDomains").body()).contains("\"zone\"");
  }

  @Test
  void theTokenIsInNoAnswer() {
    AdminClient right = anonymous.withToken(TOKEN);
    for (String path : GUARDED) {
      assertThat(right.get(path).body()).as(path).doesNotContain(TOKEN);
    }
    assertThat(anonymous.get("/api/v1/services").body()).doesNotContain(TOKEN);
  }
}
