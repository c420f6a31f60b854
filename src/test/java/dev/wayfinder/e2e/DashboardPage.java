package dev.wayfinder.e2e;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard as the browser test reads it, by the page's stable attributes: a service is {@code
 * [data-service=NAME]}, its endpoint rows {@code tr[data-endpoint=ADDRESS][data-state=STATE]}
 * holding a {@code [data-role=state]} badge and a {@code button[data-action=drain|undrain]}; events
 * are {@code #events li[data-endpoint][data-to]}; {@code #feed[data-feed]} says how events arrive
 * and {@code #qps} shows queries per second. In cluster mode {@code #cluster[data-etcd]} holds
 * {@code #cluster-node}, {@code #cluster-leader}, {@code #cluster-members
 * li[data-member][data-alive]} and {@code #cluster-disagreements li[data-disagreement]}, and an
 * endpoint row's {@code .vote[data-node][data-vote]} chips.
 */
final class DashboardPage {
  /** How long a change may take to show: a verdict, then the page's event or its refresh. */
  static final Duration SHOWS = HealthDaemon.VERDICT.plusSeconds(6);

  private final HeadlessChromium browser;
  private final ChromeDriver driver;

  private DashboardPage(HeadlessChromium browser) {
    this.browser = browser;
    this.driver = browser.driver();
  }

  /** Opens {@code /} of the admin listener at {@code admin}. */
  static DashboardPage open(HeadlessChromium browser, InetSocketAddress admin) {
    browser
        .driver()
        .get("http://" + admin.getAddress().getHostAddress() + ":" + admin.getPort() + "/");
    return new DashboardPage(browser);
  }

  /** The endpoint's {@code data-state}, or null while the page does not show it. */
  String state(String service, String address) {
    List<WebElement> rows = driver.findElements(row(service, address));
    return rows.isEmpty() ? null : rows.get(0).getDomAttribute("data-state");
  }

  /** Waits until the endpoint's row says {@code state}. */
  void awaitState(String service, String address, String state) {
    await(service + " " + address + " shown " + state)
        .atMost(SHOWS)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
        .until(() -> state.equals(state(service, address)));
  }

  /** The endpoint's state badge. */
  WebElement badge(String service, String address) {
    return driver
        .findElement(row(service, address))
        .findElement(By.cssSelector("[data-role=state]"));
  }

  /** Clicks the endpoint's button for {@code action} ({@code drain} or {@code undrain}). */
  void click(String service, String address, String action) {
    driver
        .findElement(row(service, address))
        .findElement(By.cssSelector("button[data-action='" + action + "']"))
        .click();
  }

  /** Whether the events list shows {@code address} turning {@code to}. */
  boolean showsEvent(String address, String to) {
    return !driver
        .findElements(
            By.cssSelector("#events li[data-endpoint='" + address + "'][data-to='" + to + "']"))
        .isEmpty();
  }

  /** The publish target's {@code data-status} in the Publishing panel, or null while not shown. */
  String publishStatus(String target) {
    List<WebElement> rows =
        driver.findElements(By.cssSelector("#publishing tr[data-target='" + target + "']"));
    return rows.isEmpty() || !rows.get(0).isDisplayed()
        ? null
        : rows.get(0).getDomAttribute("data-status");
  }

  /** Whether the events list shows the publish target turning {@code to}. */
  boolean showsPublishEvent(String target, String to) {
    return !driver
        .findElements(
            By.cssSelector(
                "#events li[data-kind=publish][data-target='"
                    + target
                    + "'][data-to='"
                    + to
                    + "']"))
        .isEmpty();
  }

  /** How events arrive: {@code live} (SSE), {@code polling}, {@code token}, ... */
  String feed() {
    return driver.findElement(By.id("feed")).getDomAttribute("data-feed");
  }

  /** The queries-per-second figure as shown ({@code —} when unavailable). */
  String qps() {
    return driver.findElement(By.id("qps")).getText();
  }

  /** Whether the Cluster section is shown. */
  boolean clusterShown() {
    List<WebElement> section = driver.findElements(By.id("cluster"));
    return !section.isEmpty() && section.get(0).isDisplayed();
  }

  /** The Cluster section's {@code data-etcd} ({@code connected} or {@code disconnected}). */
  String clusterEtcd() {
    return driver.findElement(By.id("cluster")).getDomAttribute("data-etcd");
  }

  /** Each member shown, by name: whether it is marked alive. */
  Map<String, Boolean> members() {
    Map<String, Boolean> out = new TreeMap<>();
    for (WebElement m : driver.findElements(By.cssSelector("#cluster-members li[data-member]"))) {
      out.put(m.getDomAttribute("data-member"), "true".equals(m.getDomAttribute("data-alive")));
    }
    return out;
  }

  /** The endpoint's vote chips, by node ({@code pass} or {@code fail}); empty while none. */
  Map<String, String> votes(String service, String address) {
    Map<String, String> out = new TreeMap<>();
    for (WebElement rowElement : driver.findElements(row(service, address))) {
      for (WebElement v : rowElement.findElements(By.cssSelector(".vote[data-node]"))) {
        if (v.isDisplayed()) {
          out.put(v.getDomAttribute("data-node"), v.getDomAttribute("data-vote"));
        }
      }
    }
    return out;
  }

  WebElement find(By by) {
    return driver.findElement(by);
  }

  /** Whether the page is wider than the viewport (a phone would scroll sideways). */
  boolean scrollsSideways() {
    Number scroll = (Number) browser.script("return document.documentElement.scrollWidth");
    Number viewport = (Number) browser.script("return window.innerWidth");
    return scroll.intValue() > viewport.intValue();
  }

  private static By row(String service, String address) {
    return By.cssSelector("[data-service='" + service + "'] tr[data-endpoint='" + address + "']");
  }
}
