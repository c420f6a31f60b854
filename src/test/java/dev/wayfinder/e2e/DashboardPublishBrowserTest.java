package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.WebhookReceiver;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's Publishing panel in headless Chromium: a webhook target whose receiver fails
 * shows failing with its error, then ok once the receiver answers again, and both changes are in
 * the recent events; a single node shows no Cluster section. Screenshots go to {@code
 * target/dashboard-publish*.png}.
 */
class DashboardPublishBrowserTest {
  static final Duration SHOWS = Duration.ofSeconds(20);

  @TempDir Path dir;
  WebhookReceiver receiver;
  RunningDaemon daemon;
  HeadlessChromium browser;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(
        HeadlessChromium.installed(), "needs Debian's chromium and chromium-driver");
    receiver = new WebhookReceiver();
    String yaml =
        HealthYaml.config(
                dir,
                """
                - name: web
                  endpoints: [{address: 10.9.0.1}, {address: 10.9.0.2}]
                """)
            + """
            publish:
              - type: webhook
                url: "%s"
                services: [web]
            """
                .formatted(receiver.url());
    daemon = RunningDaemon.start(yaml);
  }

  @AfterEach
  void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (daemon != null) {
        daemon.close();
      }
      if (receiver != null) {
        receiver.close();
      }
    }
  }

  @Test
  void aFailingTargetShowsFailingThenOk() throws Exception {
    browser = HeadlessChromium.start(1280, 900);
    DashboardPage page = DashboardPage.open(browser, daemon.daemon().adminAddress());
    String target = receiver.url();
    try {
      await("the target listed")
          .atMost(SHOWS)
          .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
          .until(() -> page.publishStatus(target) != null);
    } finally {
      browser.screenshot(Path.of("target", "dashboard-publish-start.png"));
    }
    assertThat(page.clusterShown()).as("no Cluster section on a single node").isFalse();

    receiver.failFromNowOn(500);
    HttpResponse<String> drained =
        daemon.admin().post("/api/v1/services/web/endpoints/10.9.0.2/drain", "");
    assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
    awaitStatus(page, target, "failing");
    WebElement row = page.find(By.cssSelector("#publishing tr[data-target='" + target + "']"));
    assertThat(row.findElement(By.cssSelector("[data-role=error]")).getText()).contains("HTTP 500");
    assertThat(row.findElement(By.cssSelector("[data-role=type]")).getText()).isEqualTo("webhook");
    await("the failing event listed")
        .atMost(SHOWS)
        .until(() -> page.showsPublishEvent(target, "failing"));
    browser.screenshot(Path.of("target", "dashboard-publish-failing.png"));

    receiver.recover();
    awaitStatus(page, target, "ok");
    await("the recovery listed").atMost(SHOWS).until(() -> page.showsPublishEvent(target, "ok"));
    assertThat(
            page.find(
                    By.cssSelector("#publishing tr[data-target='" + target + "'] [data-role=age]"))
                .getText())
        .isNotEqualTo("never");
    browser.screenshot(Path.of("target", "dashboard-publish.png"));
  }

  private static void awaitStatus(DashboardPage page, String target, String status) {
    await(target + " shown " + status)
        .atMost(SHOWS)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
        .until(() -> status.equals(page.publishStatus(target)));
  }
}
