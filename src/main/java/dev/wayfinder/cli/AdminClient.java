package dev.wayfinder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The admin HTTP API as {@code wayfinder ctl} uses it: JSON over {@link HttpClient}, the Bearer
 * token on every call. Every failure is a {@link CtlException} carrying the exit code and the one
 * line to print: the API's own error message and field for a refused call, the URL for an
 * unreachable one.
 */
final class AdminClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final String base;
  private final String token;
  private final HttpClient http;

  /**
   * @param admin the API's base URL, such as {@code http://127.0.0.1:8053}
   * @param token the Bearer token, or {@code null}/empty for none
   */
  AdminClient(String admin, String token) {
    this.base = admin.endsWith("/") ? admin.substring(0, admin.length() - 1) : admin;
    this.token = token == null || token.isEmpty() ? null : token;
    // HTTP/1.1: the admin API speaks nothing else, so no h2c upgrade is offered.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /**
   * {@code /api/v1/services/NAME[/MORE...]}, each segment percent-encoded (RFC 3986 section 2.1) so
   * a name or address from the command line cannot change the path.
   */
  static String servicePath(String name, String... more) {
    StringBuilder sb = new StringBuilder("/api/v1/services/").append(segment(name));
    for (String m : more) {
      sb.append('/').append(segment(m));
    }
    return sb.toString();
  }

  private static String segment(String text) {
    StringBuilder sb = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (Character.isLetterOrDigit(c) && c < 128 || "-._~:".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  /** A call's status and body; the body is {@code null} for 204. */
  record Reply(int status, JsonNode body) {}

  Reply get(String path) throws CtlException {
    return call(request(path).GET());
  }

  Reply put(String path, JsonNode body) throws CtlException {
    return call(request(path).PUT(json(body)).header("Content-Type", "application/json"));
  }

  Reply post(String path, JsonNode body) throws CtlException {
    return call(request(path).POST(json(body)).header("Content-Type", "application/json"));
  }

  Reply delete(String path) throws CtlException {
    return call(request(path).DELETE());
  }

  /**
   * Follows a Server-Sent Events stream, handing each event's data (one JSON text) to {@code
   * onEvent} as it arrives, until the server ends the stream or the thread is interrupted.
   */
  void follow(String path, Consumer<JsonNode> onEvent) throws CtlException {
    HttpRequest req = request(path).setHeader("Accept", "text/event-stream").GET().build();
    HttpResponse<Stream<String>> res;
    try {
      res = http.send(req, HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (res.statusCode() / 100 != 2) {
      String text;
      try (Stream<String> lines = res.body()) {
        text = String.join("\n", lines.toList());
      }
      throw refused(res.statusCode(), parse(text));
    }
    try (Stream<String> lines = res.body()) {
      lines.forEach(
          line -> {
            if (line.startsWith("data:")) {
              onEvent.accept(parse(line.substring(5).strip()));
            }
          });
    } catch (UncheckedIOException e) {
      throw new CtlException(CtlException.FAILURE, "the event stream broke: " + e.getCause());
    }
  }

  private HttpRequest.Builder request(String path) throws CtlException {
    URI uri;
    try {
      uri = URI.create(base + path);
    } catch (IllegalArgumentException e) {
      throw new CtlException(CtlException.USAGE, "not a URL: " + base + path);
    }
    if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
      throw new CtlException(CtlException.USAGE, "--admin must be an http:// URL: " + base);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private Reply call(HttpRequest.Builder request) throws CtlException {
    HttpResponse<String> res;
    try {
      res =
          http.send(
              request.timeout(CALL_TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CtlException(CtlException.FAILURE, "interrupted");
    }
    JsonNode body = res.body().isEmpty() ? null : parse(res.body());
    if (res.statusCode() / 100 != 2) {
      throw refused(res.statusCode(), body);
    }
    return new Reply(res.statusCode(), body);
  }

  private CtlException unreachable(IOException e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new CtlException(
        CtlException.FAILURE, "cannot reach the admin API at " + base + ": " + why);
  }

  /** 404: not found (3); 400, 401, 403, 409, 413: refused (4); anything else: a failure (1). */
  private CtlException refused(int status, JsonNode body) {
    String message =
        body != null && body.hasNonNull("error") ? body.get("error").asText() : "no error message";
    if (body != null && body.hasNonNull("field")) {
      message += " (field " + body.get("field").asText() + ")";
    }
    if (status == 401 && token == null) {
      message += "; give --token or set WAYFINDER_TOKEN";
    }
    int code =
        switch (status) {
          case 404 -> CtlException.NOT_FOUND;
          case 400, 401, 403, 409, 413 -> CtlException.REFUSED;
          default -> CtlException.FAILURE;
        };
    return new CtlException(code, "HTTP " + status + ": " + message);
  }

  /** JSON text as a tree; text that is not JSON becomes {@code {"error": text}}. */
  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode().put("error", text.strip());
    }
  }

  private static HttpRequest.BodyPublisher json(JsonNode body) {
    return HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
  }
}
