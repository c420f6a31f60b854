package dev.wayfinder.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishEventLogTest {

  @Test
  void failingAndRecoveredBecomeEventsWithTheFailureKindAndReachTheNextOutcomes() {
    List<String> next = new ArrayList<>();
    PublishEventLog log =
        new PublishEventLog(
            new PublishOutcomes() {
              @Override
              public void updated(String target, String result) {
                next.add("updated " + result);
              }

              @Override
              public void failing(String target, String error) {
                next.add("failing " + error);
              }

              @Override
              public void recovered(String target) {
                next.add("recovered");
              }
            });
    List<PublishEvent> heard = new ArrayList<>();
    log.addListener(heard::add);

    log.updated("t", "ok");
    log.updated("t", "http_500");
    log.failing("t", "HTTP 500 from t");
    log.updated("t", "http_500"); // a retry: no new event
    log.updated("t", "ok");
    log.recovered("t");

    assertThat(next)
        .containsExactly(
            "updated ok",
            "updated http_500",
            "failing HTTP 500 from t",
            "updated http_500",
            "updated ok",
            "recovered");
    assertThat(log.events()).isEqualTo(heard);
    assertThat(heard).hasSize(2);
    assertThat(heard.get(0).from()).isEqualTo("ok");
    assertThat(heard.get(0).to()).isEqualTo("failing");
    assertThat(heard.get(0).reason()).isEqualTo("http_500: HTTP 500 from t");
    assertThat(heard.get(1).from()).isEqualTo("failing");
    assertThat(heard.get(1).to()).isEqualTo("ok");
    assertThat(heard.get(1).reason()).isEqualTo("delivered");
  }

  @Test
  void keepsTheLatestEventsOnly() {
    PublishEventLog log = new PublishEventLog(PublishOutcomes.NONE);
    for (int i = 0; i < PublishEventLog.CAPACITY + 5; i++) {
      log.failing("t" + i, "down");
    }
    List<PublishEvent> kept = log.events();
    assertThat(kept).hasSize(PublishEventLog.CAPACITY);
    assertThat(kept.get(0).target()).isEqualTo("t5");
    assertThat(kept.get(kept.size() - 1).target()).isEqualTo("t" + (PublishEventLog.CAPACITY + 4));
  }
}
