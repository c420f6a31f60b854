package dev.wayfinder.admin;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request, copied off the channel so a handler can run on another thread: method, path (its
 * segments decoded one by one, so an encoded {@code /} stays inside its segment), query and body.
 */
record Request(
    HttpMethod method,
    String path,
    List<String> segments,
    Map<String, List<String>> query,
    byte[] body) {

  static Request of(HttpMethod method, String uri, byte[] body) {
    QueryStringDecoder d = new QueryStringDecoder(uri);
    String raw = d.rawPath();
    List<String> segments = new ArrayList<>();
    for (String s : raw.split("/")) {
      if (!s.isEmpty()) {
        segments.add(QueryStringDecoder.decodeComponent(s, StandardCharsets.UTF_8));
      }
    }
    return new Request(method, raw, List.copyOf(segments), d.parameters(), body);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Whether query parameter {@code name} is {@code 1} or {@code true}. */
  boolean flag(String name) {
    List<String> v = query.get(name);
    return v != null && !v.isEmpty() && (v.get(0).equals("1") || v.get(0).equals("true"));
  }

  /** The segments from {@code from} on. */
  List<String> tail(int from) {
    return segments.size() <= from ? List.of() : segments.subList(from, segments.size());
  }
}
