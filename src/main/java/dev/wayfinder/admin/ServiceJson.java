package dev.wayfinder.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wayfinder.cluster.ClusterView;
import dev.wayfinder.health.EndpointState;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.health.LastProbe;
import dev.wayfinder.health.StateChange;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import io.netty.util.NetUtil;
import java.time.Duration;
import java.util.Locale;

/**
 * SERVICE and EVENT as the shared JSON contract writes them. A service's definition is the config's
 * shape in snake_case ({@link #definition}: what the store keeps and reads back through the config
 * reader); the API's SERVICE adds {@code source}, {@code maintenance} and each endpoint's {@code
 * state} and {@code last_probe} ({@link #service}).
 */
final class ServiceJson {
  private ServiceJson() {}

  /** The service in the config's shape, defaults written out: it reads back as the same service. */
  static ObjectNode definition(Service s) {
    ObjectNode o = Reply.MAPPER.createObjectNode();
    o.put("name", s.name());
    o.put("ttl", s.ttl());
    ArrayNode ports = o.putArray("ports");
    for (Port p : s.ports()) {
      ports.addObject().put("name", p.name()).put("protocol", p.protocol()).put("port", p.port());
    }
    ArrayNode endpoints = o.putArray("endpoints");
    for (Endpoint e : s.endpoints()) {
      endpoint(endpoints.addObject(), e);
    }
    if (s.health().type() != HealthSpec.Type.NONE) {
      health(o.putObject("health"), s.health());
    }
    o.put("fail_open", s.failOpen());
    o.put("max_answers", s.maxAnswers());
    return o;
  }

  /**
   * SERVICE: the definition with its source, maintenance and each endpoint's state; in cluster mode
   * ({@code cluster} non-null) each endpoint's {@code votes} too.
   */
  static ObjectNode service(Service s, HealthChecker health, ClusterView cluster) {
    ObjectNode o = definition(s);
    ArrayNode endpoints = (ArrayNode) o.get("endpoints");
    for (int i = 0; i < s.endpoints().size(); i++) {
      ObjectNode e = (ObjectNode) endpoints.get(i);
      Endpoint endpoint = s.endpoints().get(i);
      e.put("state", state(health.state(s.name(), endpoint.address())));
      LastProbe last = health.lastProbe(s.name(), endpoint.address()).orElse(null);
      if (last == null) {
        e.putNull("last_probe");
      } else {
        e.putObject("last_probe")
            .put("time", last.time().toString())
            .put("ok", last.ok())
            .put("detail", last.detail())
            .put("latency_ms", last.latencyMs());
      }
      if (cluster != null) {
        ObjectNode votes = e.putObject("votes");
        cluster.votes(s.name(), endpoint.address()).forEach(votes::put);
      }
    }
    o.put("source", s.source().name().toLowerCase(Locale.ROOT));
    o.put("maintenance", health.inMaintenance(s.name()));
    return o;
  }

  /** EVENT: {@code time, kind ("health"), service, endpoint, from, to, reason}. */
  static ObjectNode event(StateChange c) {
    return Reply.MAPPER
        .createObjectNode()
        .put("time", c.time().toString())
        .put("kind", "health")
        .put("service", c.service())
        .put("endpoint", NetUtil.toAddressString(c.endpoint()))
        .put("from", state(c.from()))
        .put("to", state(c.to()))
        .put("reason", c.reason());
  }

  static String state(EndpointState s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  private static void endpoint(ObjectNode o, Endpoint e) {
    o.put("address", NetUtil.toAddressString(e.address()));
    if (e.hostname() != null) {
      o.put("hostname", e.hostname());
    }
    o.put("weight", e.weight());
    o.put("priority", e.priority());
  }

  private static void health(ObjectNode o, HealthSpec h) {
    o.put("type", h.type().name().toLowerCase(Locale.ROOT));
    if (h.target() != null) {
      o.put("target", h.target());
    }
    o.put("interval", duration(h.interval()));
    o.put("timeout", duration(h.timeout()));
    o.put("rise", h.rise());
    o.put("fall", h.fall());
    o.put("expect_status", h.expectStatus());
    if (h.expectBody() != null) {
      o.put("expect_body", h.expectBody());
    }
    if (h.tls() != null && (h.tls().caFile() != null || h.tls().insecure())) {
      ObjectNode tls = o.putObject("tls");
      if (h.tls().caFile() != null) {
        tls.put("ca_file", h.tls().caFile().toAbsolutePath().toString());
      }
      tls.put("insecure", h.tls().insecure());
    }
    if (h.query() != null) {
      o.putObject("query").put("name", h.query().name()).put("type", h.query().type());
    }
    if (!h.command().isEmpty()) {
      ArrayNode command = o.putArray("command");
      h.command().forEach(command::add);
    }
  }

  /** A duration as the config writes it: the largest unit that divides it ({@code 1500ms}, 2s). */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
