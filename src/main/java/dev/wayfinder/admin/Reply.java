package dev.wayfinder.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One whole HTTP answer: status, content type, body and extra headers. Errors are JSON {@code
 * {"error": "...", "field": "..."}} (SPEC.md "HTTP admin API"), {@code field} only when one field
 * is at fault.
 */
record Reply(
    HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json";
  static final ObjectMapper MAPPER = new ObjectMapper();

  static Reply json(HttpResponseStatus status, Object value) {
    try {
      return new Reply(status, JSON, MAPPER.writeValueAsBytes(value), Map.of());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
    }
  }

  static Reply ok(Object value) {
    return json(HttpResponseStatus.OK, value);
  }

  static Reply error(HttpResponseStatus status, String message) {
    return error(status, message, null);
  }

  static Reply error(HttpResponseStatus status, String message, String field) {
    ObjectNode body = MAPPER.createObjectNode().put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    return json(status, body);
  }

  static Reply notFound(String message) {
    return error(HttpResponseStatus.NOT_FOUND, message);
  }

  static Reply text(HttpResponseStatus status, String contentType, String text) {
    return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static Reply noContent() {
    return new Reply(HttpResponseStatus.NO_CONTENT, null, new byte[0], Map.of());
  }

  Reply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, contentType, body, Map.copyOf(more));
  }
}
