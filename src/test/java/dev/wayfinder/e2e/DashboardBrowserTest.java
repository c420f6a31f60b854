package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.DigResult;
import dev.wayfinder.testing.DigRunner;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The dashboard in headless Chromium against a real daemon whose endpoints are probed over HTTP
 * against targets the test flips: a state change arrives live, Drain takes the endpoint out of the
 * DNS answer, the page says so when the daemon is gone, and it fits a phone. Screenshots go to
 * {@code target/dashboard-*.png}.
 */
class DashboardBrowserTest {
  static final Set<String> ALL = Set.of("10.9.0.1", "10.9.0.2", "10.9.0.3");
  static final String SERVICES =
      """
      - name: web
        endpoints: [{address: 10.9.0.1, hostname: web-a}, {address: 10.9.0.2}, {address: 10.9.0.3}]
        health: %s
      """;

  @TempDir Path dir;
  HealthDaemon env;
  HeadlessChromium browser;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(
        HeadlessChromium.installed(), "needs Debian's chromium and chromium-driver");
    env = HealthDaemon.start(dir, SERVICES::formatted);
  }

  @AfterEach
  void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (env != null) {
        env.close();
      }
    }
  }

  @Test
  void anEndpointTurnsUnhealthyLiveAndDrainTakesItOutOfTheAnswer() throws Exception {
    browser = HeadlessChromium.start(1280, 900);
    DashboardPage page = DashboardPage.open(browser, admin());
    for (String address : ALL) {
      page.awaitState("web", address, "healthy");
    }
    await("events over SSE").atMost(DashboardPage.SHOWS).until(() -> "live".equals(page.feed()));
    String healthyColour = page.badge("web", "10.9.0.2").getCssValue("background-color");

    env.targets().set("10.9.0.2", 503);
    page.awaitState("web", "10.9.0.2", "unhealthy");
    assertThat(page.badge("web", "10.9.0.2").getText()).isEqualTo("unhealthy");
    assertThat(page.badge("web", "10.9.0.2").getCssValue("background-color"))
        .as("the badge's colour says the state")
        .isNotEqualTo(healthyColour);
    await("the event listed")
        .atMost(DashboardPage.SHOWS)
        .until(() -> page.showsEvent("10.9.0.2", "unhealthy"));
    browser.screenshot(Path.of("target", "dashboard-unhealthy.png"));

    env.targets().set("10.9.0.2", 200);
    page.awaitState("web", "10.9.0.2", "healthy");
    awaitAddresses(ALL);

    page.click("web", "10.9.0.1", "drain");
    page.awaitState("web", "10.9.0.1", "draining");
    assertThat(page.badge("web", "10.9.0.1").getText()).isEqualTo("draining");
    awaitAddresses(Set.of("10.9.0.2", "10.9.0.3"));
    assertQueriesPerSecond(page);
    browser.screenshot(Path.of("target", "dashboard-drained.png"));

    page.click("web", "10.9.0.1", "undrain");
    page.awaitState("web", "10.9.0.1", "healthy");
    awaitAddresses(ALL);

    env.close();
    env = null;
    WebElement banner = page.find(By.id("banner"));
    await("the page says the API is gone").atMost(DashboardPage.SHOWS).until(banner::isDisplayed);
    assertThat(banner.getText()).startsWith("Cannot reach the admin API");
    await("events reconnecting")
        .atMost(DashboardPage.SHOWS)
        .until(() -> "reconnecting".equals(page.feed()));
    browser.screenshot(Path.of("target", "dashboard-unreachable.png"));
  }

  @Test
  void onAPhoneEndpointsAreCardsAndNothingScrollsSideways() throws Exception {
    browser = HeadlessChromium.start(390, 844);
    browser.emulatePhone(390, 844);
    env.targets().set("10.9.0.3", 503);
    DashboardPage page = DashboardPage.open(browser, admin());
    page.awaitState("web", "10.9.0.1", "healthy");
    page.awaitState("web", "10.9.0.3", "unhealthy");

    assertThat(page.find(By.cssSelector("[data-service=web] thead")).isDisplayed())
        .as("no table header on a phone")
        .isFalse();
    assertThat(page.scrollsSideways()).as("page wider than the phone").isFalse();
    assertThat(page.find(By.cssSelector("body")).getCssValue("font-size")).isEqualTo("16px");
    assertThat(page.find(By.cssSelector("[data-endpoint='10.9.0.1'] button")).getRect().getWidth())
        .as("Drain spans the card")
        .isGreaterThan(300);
    browser.screenshot(Path.of("target", "dashboard-phone.png"));
  }

  /**
   * Queries per second from {@code /metrics}: a figure once DNS queries flow, when the daemon
   * exports {@code wayfinder_dns_requests_total}; the page shows a dash otherwise.
   */
  private void assertQueriesPerSecond(DashboardPage page) throws Exception {
    boolean exported = metrics().contains("wayfinder_dns_requests_total");
    try (QueryLoop queries = QueryLoop.start(env.daemon().dnsAddress(), fqdn("web"))) {
      if (exported) {
        await("queries per second shown")
            .atMost(DashboardPage.SHOWS)
            .until(() -> page.qps().matches("[0-9.]+") && Double.parseDouble(page.qps()) > 0);
      } else {
        assertThat(page.qps()).isEqualTo("—");
      }
    }
  }

  private String metrics() throws Exception {
    InetSocketAddress a = admin();
    try (HttpClient http = HttpClient.newHttpClient()) {
      URI uri = URI.create("http://127.0.0.1:" + a.getPort() + "/metrics");
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  private InetSocketAddress admin() {
    return env.daemon().daemon().adminAddress();
  }

  private void awaitAddresses(Set<String> expected) {
    DigRunner dig = env.client();
    await("web answers " + expected)
        .atMost(DashboardPage.SHOWS)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              DigResult r = dig.dig(fqdn("web"), "A");
              return Set.copyOf(r.answers("A")).equals(expected);
            });
  }
}
