package dev.wayfinder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** How {@code wayfinder ctl} prints the API's SERVICE and EVENT objects for a person. */
final class CtlViews {
  /** The columns of an event line, and widths that fit most values, for a followed stream. */
  static final List<String> EVENT_COLUMNS =
      List.of("TIME", "SERVICE", "ENDPOINT", "FROM", "TO", "REASON");

  static final int[] EVENT_WIDTHS = {20, 16, 15, 11, 11, 0};

  private CtlViews() {}

  static String onOff(boolean on) {
    return on ? "on" : "off";
  }

  /**
   * A service: a header (name, source, TTL, maintenance, ports, health check), then a table of its
   * endpoints: ADDRESS HOSTNAME STATE LAST-PROBE LATENCY DETAIL.
   */
  static void service(JsonNode s, PrintWriter out) {
    out.println(
        s.path("name").asText()
            + "  source: "
            + s.path("source").asText()
            + "  ttl: "
            + s.path("ttl").asText()
            + "s  maintenance: "
            + onOff(s.path("maintenance").asBoolean()));
    List<String> ports = new ArrayList<>();
    for (JsonNode p : s.path("ports")) {
      ports.add(
          p.path("name").asText()
              + " "
              + p.path("port").asText()
              + "/"
              + p.path("protocol").asText());
    }
    if (!ports.isEmpty()) {
      out.println("ports: " + String.join(", ", ports));
    }
    out.println("health: " + health(s.path("health")));
    out.println();
    Table t = new Table("ADDRESS", "HOSTNAME", "STATE", "LAST-PROBE", "LATENCY", "DETAIL");
    for (JsonNode e : s.path("endpoints")) {
      JsonNode probe = e.path("last_probe");
      boolean probed = probe.isObject();
      t.row(
          e.path("address").asText(),
          e.path("hostname").asText(""),
          e.path("state").asText(),
          probed
              ? (probe.path("ok").asBoolean() ? "ok " : "failed ") + time(probe.path("time"))
              : "",
          probed ? probe.path("latency_ms").asText() + "ms" : "",
          probed ? probe.path("detail").asText("") : "");
    }
    t.print(out);
  }

  private static String health(JsonNode h) {
    if (!h.isObject()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder(h.path("type").asText());
    if (h.hasNonNull("target")) {
      sb.append(' ').append(h.get("target").asText());
    }
    sb.append(" every ").append(h.path("interval").asText());
    sb.append(", timeout ").append(h.path("timeout").asText());
    sb.append(", rise ").append(h.path("rise").asText());
    sb.append(", fall ").append(h.path("fall").asText());
    return sb.toString();
  }

  /**
   * An EVENT as the cells of {@link #EVENT_COLUMNS}. A publish event ({@code "kind": "publish"})
   * names no service or endpoint: its SERVICE cell says {@code publish} and its ENDPOINT cell is
   * the target.
   */
  static List<String> eventCells(JsonNode e) {
    boolean publish = e.path("kind").asText().equals("publish");
    return List.of(
        time(e.path("time")),
        publish ? "publish" : e.path("service").asText(),
        publish ? e.path("target").asText() : e.path("endpoint").asText(),
        e.path("from").asText(),
        e.path("to").asText(),
        e.path("reason").asText());
  }

  /** An RFC 3339 time to the second, as people read logs; other text as it is. */
  static String time(JsonNode time) {
    String text = time.asText("");
    try {
      return Instant.parse(text).truncatedTo(ChronoUnit.SECONDS).toString();
    } catch (DateTimeParseException e) {
      return text;
    }
  }
}
