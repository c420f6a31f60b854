package dev.wayfinder.config;

import static dev.wayfinder.config.Section.keys;

import dev.wayfinder.registry.ServiceDraft;
import dev.wayfinder.registry.ServiceDraft.EndpointDraft;
import dev.wayfinder.registry.ServiceDraft.HealthDraft;
import dev.wayfinder.registry.ServiceDraft.PortDraft;
import dev.wayfinder.registry.ServiceDraft.QueryDraft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one {@code services:} item into a {@link ServiceDraft}: what is about the file's text is
 * checked here (unknown and duplicate keys, a map or list where a value belongs, {@code ${NAME}},
 * whole numbers, durations, YAML 1.1's boolean words, {@code tls.ca_file} beside the config), and
 * reported through the {@link Section}; what is about the values themselves is the registry's
 * {@link dev.wayfinder.registry.ServiceValidator}'s. A value refused here is absent from the draft.
 */
final class ServiceDraftReader {
  static final Set<String> SERVICE_KEYS =
      keys("name", "ttl", "ports", "endpoints", "health", "fail_open", "max_answers");
  private static final Set<String> PORT_KEYS = keys("name", "protocol", "port");
  private static final Set<String> ENDPOINT_KEYS =
      keys("address", "hostname", "weight", "priority");
  private static final Set<String> HEALTH_KEYS =
      keys(
          "type",
          "target",
          "interval",
          "timeout",
          "rise",
          "fall",
          "expect_status",
          "expect_body",
          "tls",
          "query",
          "command");
  private static final Set<String> TLS_KEYS = keys("ca_file", "insecure");
  private static final Set<String> QUERY_KEYS = keys("name", "type");

  private ServiceDraftReader() {}

  static ServiceDraft read(Section s) {
    return new ServiceDraft(
        s.value("name", Values.TEXT, null),
        s.value("ttl", Durations::wholeSeconds, null),
        items(s, "ports", PORT_KEYS, ServiceDraftReader::port),
        items(s, "endpoints", ENDPOINT_KEYS, ServiceDraftReader::endpoint),
        health(s.section("health", HEALTH_KEYS)),
        s.value("fail_open", Values.BOOL, null),
        s.value("max_answers", Values.WHOLE, null));
  }

  /** The maps of the list at {@code key}, read; {@code null} when absent. */
  private static <T> List<T> items(
      Section s, String key, Set<String> keys, Function<Section, T> reader) {
    if (!s.has(key)) {
      return null;
    }
    List<Section> sections = s.sectionsInPlace(key, keys);
    List<T> out = new ArrayList<>(sections.size());
    for (Section item : sections) {
      out.add(item == null ? null : reader.apply(item));
    }
    return out;
  }

  private static PortDraft port(Section p) {
    return new PortDraft(
        p.value("name", Values.TEXT, null),
        p.value("protocol", Values.TEXT, null),
        p.value("port", Values.WHOLE, null));
  }

  private static EndpointDraft endpoint(Section e) {
    return new EndpointDraft(
        e.value("address", Values.TEXT, null),
        e.value("hostname", Values.TEXT, null),
        e.value("weight", Values.WHOLE, null),
        e.value("priority", Values.WHOLE, null));
  }

  private static HealthDraft health(Section h) {
    if (!h.present()) {
      return null;
    }
    Section tls = h.section("tls", TLS_KEYS);
    return new HealthDraft(
        h.value("type", Values.TEXT, null),
        h.value("target", Values.TEXT, null),
        h.value("interval", Values.DURATION, null),
        h.value("timeout", Values.DURATION, null),
        h.value("rise", Values.WHOLE, null),
        h.value("fall", Values.WHOLE, null),
        h.value("expect_status", Values.TEXT, null),
        h.value("expect_body", Values.TEXT, null),
        caFile(tls),
        tls.value("insecure", Values.BOOL, null),
        h.has("query") ? query(h.section("query", QUERY_KEYS)) : null,
        h.has("command") ? h.values("command", Values.TEXT, List.of()) : null);
  }

  private static QueryDraft query(Section q) {
    return new QueryDraft(q.value("name", Values.TEXT, null), q.value("type", Values.TEXT, null));
  }

  /** {@code tls.ca_file} resolves against the config file's directory and must exist. */
  private static Path caFile(Section tls) {
    Path base = tls.context().baseDir();
    return tls.value(
        "ca_file",
        f -> {
          Path p = base.resolve(f);
          if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such file: " + p);
          }
          return p;
        },
        null);
  }
}
