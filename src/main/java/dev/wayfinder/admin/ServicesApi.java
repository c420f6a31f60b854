package dev.wayfinder.admin;

import static io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST;
import static io.netty.handler.codec.http.HttpResponseStatus.CONFLICT;
import static io.netty.handler.codec.http.HttpResponseStatus.CREATED;
import static io.netty.handler.codec.http.HttpResponseStatus.SERVICE_UNAVAILABLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wayfinder.cluster.ClusterView;
import dev.wayfinder.config.ServiceBodyReader;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.IpLiteral;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.Service;
import dev.wayfinder.store.StateWrites;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/services}: list, read, create or replace (PUT, the config's shape), delete, drain
 * and undrain an endpoint, maintenance. Every change is committed to the {@link StateWrites} (the
 * node's file, or etcd in cluster mode) before it is applied and answered, so a 2xx survives a
 * crash. Changes run one at a time (this object's lock): the store's order and the registry's are
 * the same.
 */
final class ServicesApi {
  private static final Logger log = LoggerFactory.getLogger(ServicesApi.class);

  private final Registry registry;
  private final HealthChecker health;
  private final StateWrites store;
  private final ServiceBodyReader bodies;

  /** Null on a single node. */
  private final ClusterView cluster;

  /** The source of the services the API writes: its own, or the cluster's shared registry. */
  private final Service.Source own;

  ServicesApi(
      Registry registry,
      HealthChecker health,
      StateWrites store,
      ServiceBodyReader bodies,
      ClusterView cluster) {
    this.registry = registry;
    this.health = health;
    this.store = store;
    this.bodies = bodies;
    this.cluster = cluster;
    this.own = cluster == null ? Service.Source.API : Service.Source.CLUSTER;
  }

  /** {@code rest}: the segments after {@code /api/v1/services}. */
  Reply handle(Request r, List<String> rest) throws IOException {
    if (rest.isEmpty()) {
      return Routes.only(r, HttpMethod.GET) ? list() : Routes.notAllowed("GET");
    }
    String name = normalised(rest.get(0));
    if (rest.size() == 1) {
      if (r.method().equals(HttpMethod.GET)) {
        Service s = registry.get(name);
        return s == null ? unknown(name) : Reply.ok(ServiceJson.service(s, health, cluster));
      }
      if (r.method().equals(HttpMethod.PUT)) {
        return put(name, r.bodyText());
      }
      if (r.method().equals(HttpMethod.DELETE)) {
        return delete(name);
      }
      return Routes.notAllowed("GET, PUT, DELETE");
    }
    if (rest.size() == 2 && rest.get(1).equals("maintenance")) {
      return Routes.only(r, HttpMethod.POST) ? maintenance(name, r) : Routes.notAllowed("POST");
    }
    if (rest.size() == 4 && rest.get(1).equals("endpoints")) {
      String action = rest.get(3);
      if (action.equals("drain") || action.equals("undrain")) {
        return Routes.only(r, HttpMethod.POST)
            ? drain(name, rest.get(2), action.equals("drain"))
            : Routes.notAllowed("POST");
      }
    }
    return Reply.notFound("no such path: " + r.path());
  }

  /** A name as the registry keys it: lower case, relative (a trailing dot dropped). */
  private static String normalised(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private Reply list() {
    ObjectNode o = Reply.MAPPER.createObjectNode();
    ArrayNode items = o.putArray("services");
    for (Service s : registry.services()) {
      items.add(ServiceJson.service(s, health, cluster));
    }
    return Reply.ok(o);
  }

  private synchronized Reply put(String name, String body) throws IOException {
    Service held = registry.get(name);
    if (held != null && held.source() != own) {
      return notOurs(held);
    }
    ServiceBodyReader.Result read;
    synchronized (bodies) {
      read = bodies.read(body, name, own, registry.services());
    }
    if (!read.valid()) {
      ServiceBodyReader.Problem first = read.problems().get(0);
      Reply bad = Reply.error(BAD_REQUEST, first.message(), first.field());
      return read.problems().size() == 1 ? bad : withProblems(bad, read.problems());
    }
    Service service = read.service(); // named as the URL says: a body naming another is refused
    Reply refused =
        commit(() -> store.putService(service.name(), ServiceJson.definition(service).toString()));
    if (refused != null) {
      return refused;
    }
    registry.sink(own).apply(List.of(service), List.of());
    log.info(
        "service {} {} through the API", service.name(), held == null ? "created" : "replaced");
    Reply done = Reply.ok(ServiceJson.service(registry.get(service.name()), health, cluster));
    return held == null
        ? new Reply(CREATED, done.contentType(), done.body(), done.headers())
        : done;
  }

  /** An error listing every problem under {@code problems}, the first as {@code error}. */
  private static Reply withProblems(Reply first, List<ServiceBodyReader.Problem> problems)
      throws IOException {
    ObjectNode o = (ObjectNode) Reply.MAPPER.readTree(first.body());
    ArrayNode all = o.putArray("problems");
    for (ServiceBodyReader.Problem p : problems) {
      ObjectNode item = all.addObject().put("error", p.message());
      if (p.field() != null) {
        item.put("field", p.field());
      }
    }
    return Reply.json(first.status(), o);
  }

  private synchronized Reply delete(String name) throws IOException {
    Service s = registry.get(name);
    if (s == null) {
      return unknown(name);
    }
    if (s.source() != own) {
      return notOurs(s);
    }
    Reply refused = commit(() -> store.deleteService(name));
    if (refused != null) {
      return refused;
    }
    registry.sink(own).apply(List.of(), List.of(name));
    log.info("service {} deleted through the API", name);
    return Reply.noContent();
  }

  private synchronized Reply drain(String name, String addressText, boolean on) throws IOException {
    Service s = registry.get(name);
    if (s == null) {
      return unknown(name);
    }
    InetAddress address = IpLiteral.toAddress(addressText);
    if (address == null || !hasEndpoint(s, address)) {
      return Reply.notFound("service " + name + " has no endpoint " + addressText);
    }
    Reply refused = commit(() -> store.setDrained(name, address.getHostAddress(), on));
    if (refused != null) {
      return refused;
    }
    if (on) {
      health.drain(name, address);
    } else {
      health.undrain(name, address);
    }
    return Reply.ok(ServiceJson.service(s, health, cluster));
  }

  private synchronized Reply maintenance(String name, Request r) throws IOException {
    Service s = registry.get(name);
    if (s == null) {
      return unknown(name);
    }
    JsonNode body;
    try {
      body = Reply.MAPPER.readTree(r.body());
    } catch (IOException e) {
      return Reply.error(BAD_REQUEST, "malformed JSON: " + firstLine(e.getMessage()));
    }
    JsonNode on = body == null ? null : body.get("on");
    if (on == null || !on.isBoolean()) {
      return Reply.error(BAD_REQUEST, "needs {\"on\": true} or {\"on\": false}", "on");
    }
    Reply refused = commit(() -> store.setMaintenance(name, on.booleanValue()));
    if (refused != null) {
      return refused;
    }
    health.setMaintenance(name, on.booleanValue());
    return Reply.ok(ServiceJson.service(s, health, cluster));
  }

  private interface Write {
    void run() throws IOException;
  }

  /**
   * Commits a change; null when it is durable, else a 503 saying why (etcd unreachable in cluster
   * mode, the file not writable): nothing was applied, the client may try again.
   */
  private static Reply commit(Write write) {
    try {
      write.run();
      return null;
    } catch (IOException e) {
      log.warn("an API change was not saved: {}", e.getMessage());
      return Reply.error(SERVICE_UNAVAILABLE, String.valueOf(e.getMessage()));
    }
  }

  private static boolean hasEndpoint(Service s, InetAddress address) {
    for (Endpoint e : s.endpoints()) {
      if (e.address().equals(address)) {
        return true;
      }
    }
    return false;
  }

  private static Reply unknown(String name) {
    return Reply.notFound("no service " + name);
  }

  private static Reply notOurs(Service s) {
    String where =
        s.source() == Service.Source.CONFIG ? "in the config file" : "by the cluster's registry";
    return Reply.error(
        CONFLICT,
        "service "
            + s.name()
            + " is defined "
            + where
            + "; change it there (the API changes only its own services)");
  }

  private static String firstLine(String m) {
    String s = String.valueOf(m).strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl).strip();
  }
}
