package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wayfinder.testing.EtcdPeer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;

/**
 * The dashboard's Cluster section and vote chips in headless Chromium: a real etcd and two
 * in-process nodes, n1 and n2. Service {@code web} is probed by both against one target; service
 * {@code api} has a different health target in each node's file (so the files disagree), and n2's
 * target fails {@code 10.9.1.2}, so that endpoint's votes are split. The page on n1 shows both
 * members alive, the leader, the votes and the disagreement; with etcd stopped it shows etcd
 * disconnected and the degraded warning. Screenshots go to {@code target/dashboard-cluster*.png}.
 */
class DashboardClusterBrowserTest {
  static final Duration SHOWS = Duration.ofSeconds(20);

  /** The node notices a lost etcd within 10 s (SPEC), the page reads it every 3 s. */
  static final Duration NOTICES = Duration.ofSeconds(25);

  @TempDir Path dir;
  EtcdPeer etcd;
  HealthTargets shared;
  HealthTargets n2Only;
  RunningDaemon n1;
  RunningDaemon n2;
  HeadlessChromium browser;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(
        HeadlessChromium.installed(), "needs Debian's chromium and chromium-driver");
    Assumptions.assumeTrue(
        java.nio.file.Files.isExecutable(Path.of("/usr/bin/etcd")), "needs Debian's etcd-server");
    etcd = EtcdPeer.single();
    shared = new HealthTargets();
    n2Only = new HealthTargets();
    n2Only.set("10.9.1.2", 503);
    String prefix = "/dashboard-" + UUID.randomUUID();
    n1 = RunningDaemon.start(config("n1", prefix, shared));
    n2 = RunningDaemon.start(config("n2", prefix, n2Only));
  }

  private String config(String node, String prefix, HealthTargets apiTarget) {
    String services =
        """
        - name: web
          endpoints: [{address: 10.9.0.1}, {address: 10.9.0.2}]
          health: %s
        - name: api
          endpoints: [{address: 10.9.1.1}, {address: 10.9.1.2}]
          health: %s
        """
            .formatted(HealthYaml.http(shared.target()), HealthYaml.http(apiTarget.target()));
    return HealthYaml.config(dir.resolve(node), services)
        + """
        cluster:
          node: %s
          etcd: ["%s"]
          prefix: "%s"
          lease_ttl: 2s
        """
            .formatted(node, etcd.clientUrls().get(0), prefix);
  }

  @AfterEach
  void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      for (AutoCloseable c : new AutoCloseable[] {n2, n1, n2Only, shared, etcd}) {
        try {
          if (c != null) {
            c.close();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @Test
  void showsMembersLeaderVotesThenDegradedWithoutEtcd() throws Exception {
    browser = HeadlessChromium.start(1280, 900);
    DashboardPage page = DashboardPage.open(browser, n1.adminAddress());
    try {
      await("both members alive, votes from both")
          .atMost(SHOWS)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
          .until(
              () ->
                  page.clusterShown()
                      && page.members().equals(Map.of("n1", true, "n2", true))
                      && page.votes("web", "10.9.0.1").equals(Map.of("n1", "pass", "n2", "pass"))
                      && page.votes("api", "10.9.1.2").equals(Map.of("n1", "pass", "n2", "fail")));
    } finally {
      browser.screenshot(Path.of("target", "dashboard-cluster.png"));
    }
    assertThat(page.clusterEtcd()).isEqualTo("connected");
    assertThat(page.find(By.id("cluster-node")).getText()).isEqualTo("n1");
    String leader = page.find(By.id("cluster-leader")).getText();
    assertThat(leader).isIn("n1", "n2");
    assertThat(n1.admin().get("/api/v1/cluster").body()).contains("\"leader\":\"" + leader + "\"");
    assertThat(page.find(By.id("cluster-degraded")).isDisplayed()).isFalse();
    await("the disagreement on api listed")
        .atMost(SHOWS)
        .until(
            () ->
                !browser
                    .driver()
                    .findElements(
                        By.cssSelector("#cluster-disagreements li[data-disagreement=api]"))
                    .isEmpty());

    browser.emulatePhone(390, 844);
    assertThat(page.scrollsSideways()).as("page wider than the phone").isFalse();
    browser.screenshot(Path.of("target", "dashboard-cluster-phone.png"));

    etcd.stop(0);
    try {
      await("etcd shown disconnected")
          .atMost(NOTICES)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
          .until(
              () ->
                  "disconnected".equals(page.clusterEtcd())
                      && page.find(By.id("cluster-degraded")).isDisplayed());
    } finally {
      browser.screenshot(Path.of("target", "dashboard-cluster-degraded-phone.png"));
    }
    assertThat(page.find(By.id("cluster-etcd")).getText()).isEqualTo("disconnected");
    assertThat(page.find(By.id("cluster-degraded")).getText()).contains("Degraded");
    assertThat(page.scrollsSideways()).as("page wider than the phone").isFalse();
    assertThat(page.state("web", "10.9.0.1")).as("still served").isEqualTo("healthy");
    browser.stopEmulating();
    browser.screenshot(Path.of("target", "dashboard-cluster-degraded.png"));
  }
}
