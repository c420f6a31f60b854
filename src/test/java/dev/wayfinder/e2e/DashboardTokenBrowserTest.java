package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard of a daemon with {@code admin.token}: the page asks for the token, refuses to go on
 * with a wrong one, and with the right one shows the services, follows events by polling (an
 * EventSource cannot send the header) and drains.
 */
class DashboardTokenBrowserTest {
  static final String TOKEN = "dashboard-test-token";
  static final String LISTEN = "  listen: \"127.0.0.1:0\"\n";

  @TempDir Path dir;
  HealthTargets targets;
  RunningDaemon daemon;
  HeadlessChromium browser;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(
        HeadlessChromium.installed(), "needs Debian's chromium and chromium-driver");
    targets = new HealthTargets();
    String yaml =
        HealthYaml.config(
            dir, DashboardBrowserTest.SERVICES.formatted(HealthYaml.http(targets.target())));
    assertThat(yaml).contains(LISTEN);
    daemon = RunningDaemon.start(yaml.replace(LISTEN, LISTEN + "  token: \"" + TOKEN + "\"\n"));
    await("first health round")
        .atMost(HealthDaemon.VERDICT)
        .until(() -> daemon.daemon().health().firstRoundDone());
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
      if (targets != null) {
        targets.close();
      }
    }
  }

  @Test
  void asksForTheTokenThenShowsPollsAndDrains() throws Exception {
    browser = HeadlessChromium.start(1024, 700);
    DashboardPage page = DashboardPage.open(browser, daemon.daemon().adminAddress());
    WebElement form = page.find(By.id("token-form"));
    await("token asked for").atMost(DashboardPage.SHOWS).until(form::isDisplayed);
    assertThat(page.find(By.id("services-empty")).getText()).contains("token");
    browser.screenshot(Path.of("target", "dashboard-token.png"));

    submit(page, "not-the-token");
    await("a wrong token asked again").atMost(DashboardPage.SHOWS).until(form::isDisplayed);
    assertThat(page.state("web", "10.9.0.1")).isNull();
    assertThat(page.find(By.id("token-refused")).isDisplayed()).isTrue();

    submit(page, TOKEN);
    page.awaitState("web", "10.9.0.1", "healthy");
    assertThat(form.isDisplayed()).isFalse();
    await("events by polling")
        .atMost(DashboardPage.SHOWS)
        .until(() -> "polling".equals(page.feed()));

    page.click("web", "10.9.0.3", "drain");
    page.awaitState("web", "10.9.0.3", "draining");
    DigRunner dig = daemon.client();
    await("web answers without 10.9.0.3")
        .atMost(DashboardPage.SHOWS)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                Set.copyOf(dig.dig(fqdn("web"), "A").answers("A"))
                    .equals(Set.of("10.9.0.1", "10.9.0.2")));
    await("the drain listed by polling")
        .atMost(DashboardPage.SHOWS)
        .until(() -> page.showsEvent("10.9.0.3", "draining"));
  }

  private static void submit(DashboardPage page, String token) {
    WebElement input = page.find(By.id("token-input"));
    input.clear();
    input.sendKeys(token);
    page.find(By.cssSelector("#token-form button[type=submit]")).click();
  }
}
