package dev.wayfinder.dns.querylog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wayfinder.config.QueryLogConfig;
import dev.wayfinder.config.QueryLogConfig.Mode;
import dev.wayfinder.dns.AnswerSource;
import dev.wayfinder.dns.QueryProtocol;
import dev.wayfinder.dns.QueryRecorder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The query log without sockets: which queries each mode keeps, the JSON line, and the bounded
 * queue that drops (and counts) while the writer is stuck instead of holding up the query thread.
 */
class QueryLogTest {
  private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.9", 5353);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void fullModeWritesOneJsonLinePerQuery() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    QueryLog log = new QueryLog(new QueryLogConfig(Mode.FULL, 0));
    log.start(out, false);
    QueryRecorder r = log.recorder();
    reply(r, "web.svc.cluster.local.", 3, 1234_567, AnswerSource.ZONE);
    reply(r, "odd\\.na\\\"me.example.", 0, 5_000, AnswerSource.CACHE);
    log.close();

    List<JsonNode> lines = lines(out);
    assertThat(lines).hasSize(2);
    JsonNode web = lines.get(0);
    assertThat(web.get("time").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(web.get("client").asText()).isEqualTo("192.0.2.9");
    assertThat(web.get("proto").asText()).isEqualTo("udp");
    assertThat(web.get("name").asText()).isEqualTo("web.svc.cluster.local.");
    assertThat(web.get("type").asText()).isEqualTo("A");
    assertThat(web.get("rcode").asText()).isEqualTo("NXDOMAIN");
    assertThat(web.get("answers").asInt()).isEqualTo(2);
    assertThat(web.get("latency_us").asLong()).isEqualTo(1234);
    assertThat(web.get("source").asText()).isEqualTo("zone");
    assertThat(lines.get(1).get("name").asText()).isEqualTo("odd\\.na\\\"me.example.");
    assertThat(lines.get(1).get("source").asText()).isEqualTo("cache");
    assertThat(log.dropped()).isZero();
  }

  @Test
  void sampledModeKeepsItsFraction() throws Exception {
    assertThat(logged(new QueryLogConfig(Mode.SAMPLED, 0), 200)).isEmpty();
    assertThat(logged(new QueryLogConfig(Mode.SAMPLED, 1), 200)).hasSize(200);
    assertThat(logged(new QueryLogConfig(Mode.SAMPLED, 0.5), 2000)).hasSizeBetween(800, 1200);
  }

  @Test
  void errorsOnlyKeepsRcodesOtherThanNoerrorAndNxdomain() throws Exception {
    List<JsonNode> lines = logged(new QueryLogConfig(Mode.ERRORS_ONLY, 0), 6); // rcodes 0..5
    assertThat(lines)
        .extracting(l -> l.get("rcode").asText())
        .containsExactly("FORMERR", "SERVFAIL", "NOTIMP", "REFUSED");
  }

  @Test
  void offRecordsNothing() {
    assertThat(new QueryLog(new QueryLogConfig(Mode.OFF, 1)).recorder())
        .isSameAs(QueryRecorder.NOOP);
  }

  @Test
  void fullQueueDropsAndCountsWhileTheWriterIsStuck() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    OutputStream stuck =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            writing.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
            written.write(b, off, len);
          }
        };
    QueryLog log = new QueryLog(new QueryLogConfig(Mode.FULL, 0), 4);
    log.start(stuck, false);
    QueryRecorder r = log.recorder();
    reply(r, "first.example.", 0, 1000, AnswerSource.FORWARD);
    assertThat(writing.await(10, TimeUnit.SECONDS)).as("the writer is in write()").isTrue();

    long start = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      reply(r, "n" + i + ".example.", 0, 1000, AnswerSource.FORWARD);
    }
    assertThat(System.nanoTime() - start)
        .as("never blocks")
        .isLessThan(TimeUnit.SECONDS.toNanos(5));
    assertThat(log.dropped()).isEqualTo(96);

    release.countDown();
    log.close();
    assertThat(lines(written))
        .extracting(l -> l.get("name").asText())
        .containsExactly(
            "first.example.", "n0.example.", "n1.example.", "n2.example.", "n3.example.");
  }

  /** {@code count} replies with RCODE {@code i % 6} through a log of {@code config}. */
  private static List<JsonNode> logged(QueryLogConfig config, int count) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    QueryLog log = new QueryLog(config);
    log.start(out, false);
    for (int i = 0; i < count; i++) {
      reply(log.recorder(), "q" + i + ".example.", i % 6, 1000, AnswerSource.ZONE);
    }
    log.close();
    return lines(out);
  }

  private static void reply(
      QueryRecorder r, String name, int rcode, long latencyNanos, AnswerSource source)
      throws Exception {
    byte[] wire = Name.fromString(name).toWire();
    byte[] padded = new byte[255]; // the recorder gets the parser's whole buffer
    System.arraycopy(wire, 0, padded, 0, wire.length);
    r.replied(QueryProtocol.UDP, 1, source, rcode, 2, latencyNanos, CLIENT, padded, wire.length);
  }

  private static List<JsonNode> lines(ByteArrayOutputStream out) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    String text = out.toString(StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        lines.add(JSON.readTree(line));
      }
    }
    assertThat(text).endsWith(lines.isEmpty() ? "" : "\n");
    return lines;
  }
}
