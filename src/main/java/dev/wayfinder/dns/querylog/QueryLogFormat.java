package dev.wayfinder.dns.querylog;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * One query log line: {@code {"time", "client", "proto", "name", "type", "rcode", "answers",
 * "latency_us", "source"}}. The time is RFC 3339 in UTC with milliseconds; the name is in
 * presentation format with its trailing dot, bytes outside printable ASCII and the characters
 * {@code . \ " ( ) ; @ $} inside a label escaped as in zone files (RFC 4343 2.1); type and rcode
 * are mnemonics ({@code TYPE65280} for one without a name).
 */
final class QueryLogFormat {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private final StringBuilder name = new StringBuilder(64);

  /** The last time formatted: lines of one millisecond share it. */
  private long lastMillis = Long.MIN_VALUE;

  private String lastTime;

  void write(JsonGenerator json, QueryLogEntry e) throws IOException {
    json.writeStartObject();
    json.writeStringField("time", time(e.timeMillis()));
    json.writeStringField(
        "client", e.client() == null ? "" : NetUtil.toAddressString(e.client().getAddress()));
    json.writeStringField("proto", e.protocol().label());
    json.writeStringField("name", presentation(e.name()));
    json.writeStringField("type", e.name().length == 0 ? "" : Type.string(e.qtype()));
    json.writeStringField("rcode", Rcode.string(e.rcode()));
    json.writeNumberField("answers", e.answers());
    json.writeNumberField("latency_us", e.latencyNanos() / 1000);
    json.writeStringField("source", e.source().label());
    json.writeEndObject();
  }

  private String time(long millis) {
    if (millis != lastMillis) {
      lastMillis = millis;
      lastTime = TIME.format(Instant.ofEpochMilli(millis));
    }
    return lastTime;
  }

  /** The wire name as text: {@code www.example.com.}, {@code .} for the root, empty for none. */
  String presentation(byte[] wire) {
    if (wire.length == 0) {
      return "";
    }
    name.setLength(0);
    int pos = 0;
    while (pos < wire.length) {
      int len = wire[pos++] & 0xFF;
      if (len == 0) {
        break;
      }
      for (int i = 0; i < len && pos < wire.length; i++) {
        appendByte(wire[pos++] & 0xFF);
      }
      name.append('.');
    }
    return name.isEmpty() ? "." : name.toString();
  }

  private void appendByte(int b) {
    if (b <= 0x20 || b >= 0x7F) {
      name.append('\\').append((char) ('0' + b / 100)).append((char) ('0' + b / 10 % 10));
      name.append((char) ('0' + b % 10));
    } else if (".\\\"();@$".indexOf(b) >= 0) {
      name.append('\\').append((char) b);
    } else {
      name.append((char) b);
    }
  }
}
