package dev.wayfinder.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The dashboard's files, from the jar's {@code dashboard/} directory: {@code /} is {@code
 * index.html}, {@code /dashboard/NAME} is {@code dashboard/NAME}. A name is plain segments of
 * letters, digits, {@code . _ -} that do not start with a dot, so {@code ..} and hidden files can
 * never be named; a file that is not there, or of a type not served, is a JSON 404.
 */
final class StaticFiles {
  private static final String ROOT = "dashboard/";
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "json", "application/json",
          "ico", "image/x-icon",
          "txt", "text/plain; charset=utf-8");

  private final ClassLoader loader;

  StaticFiles(ClassLoader loader) {
    this.loader = loader;
  }

  /** {@code segments}: the request's path, empty for {@code /}, else starting {@code dashboard}. */
  Reply serve(List<String> segments) {
    List<String> name =
        segments.isEmpty() ? List.of("index.html") : segments.subList(1, segments.size());
    if (name.isEmpty()) {
      name = List.of("index.html");
    }
    for (String s : name) {
      if (!SEGMENT.matcher(s).matches()) {
        return Reply.notFound("no such file");
      }
    }
    String path = ROOT + String.join("/", name);
    String last = name.get(name.size() - 1);
    int dot = last.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(last.substring(dot + 1));
    try (InputStream in = type == null ? null : loader.getResourceAsStream(path)) {
      if (in == null) {
        return Reply.notFound("no such file: /" + String.join("/", segments));
      }
      byte[] body = in.readAllBytes();
      return new Reply(HttpResponseStatus.OK, type, body, Map.of())
          .withHeader("Cache-Control", "no-cache");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
