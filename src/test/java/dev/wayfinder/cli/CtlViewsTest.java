package dev.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** How {@code ctl events} lays out each kind of EVENT. */
class CtlViewsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aHealthEventNamesItsServiceAndEndpoint() throws Exception {
    var cells =
        CtlViews.eventCells(
            JSON.readTree(
                """
                {"time": "2026-12-07T05:02:49.587Z", "kind": "health", "service": "web",
                 "endpoint": "10.0.0.1", "from": "unknown", "to": "draining", "reason": "drained"}
                """));

    assertThat(cells)
        .containsExactly(
            "2026-12-07T05:02:49Z", "web", "10.0.0.1", "unknown", "draining", "drained");
  }

  @Test
  void aPublishEventNamesItsTarget() throws Exception {
    var cells =
        CtlViews.eventCells(
            JSON.readTree(
                """
                {"time": "2026-12-07T05:02:52Z", "kind": "publish", "service": null,
                 "endpoint": null, "target": "http://127.0.0.1:9911/hook", "from": "ok",
                 "to": "failing", "reason": "unreachable: cannot connect"}
                """));

    assertThat(cells)
        .containsExactly(
            "2026-12-07T05:02:52Z",
            "publish",
            "http://127.0.0.1:9911/hook",
            "ok",
            "failing",
            "unreachable: cannot connect");
  }
}
