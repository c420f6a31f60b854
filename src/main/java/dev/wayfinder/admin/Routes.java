package dev.wayfinder.admin;

import static io.netty.handler.codec.http.HttpResponseStatus.METHOD_NOT_ALLOWED;
import static io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND;

import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which resource answers a path, and the answers too small for a class of their own ({@code
 * /diagnostics}, {@code /api/v1/publish}, {@code /api/v1/cluster}). Runs off the event loop: a
 * handler may wait for the store.
 */
final class Routes {
  private final AdminContext ctx;
  private final HealthEndpoints health;
  private final ServicesApi services;
  private final StaticFiles files;

  Routes(AdminContext ctx, StaticFiles files) {
    this.ctx = ctx;
    this.health = new HealthEndpoints(ctx.readiness(), ctx.metrics(), ctx.cluster());
    this.services =
        new ServicesApi(ctx.registry(), ctx.health(), ctx.store(), ctx.bodies(), ctx.cluster());
    this.files = files;
  }

  Reply handle(Request r) throws IOException {
    List<String> s = r.segments();
    if (s.isEmpty() || s.get(0).equals("dashboard")) {
      return get(r, () -> files.serve(s));
    }
    if (s.get(0).equals("pdns")) { // PowerDNS's HTTP connector: any method, always 200
      return Reply.ok(ctx.pdns().rest(r.tail(1)));
    }
    if (s.size() == 1) {
      return switch (s.get(0)) {
        case "healthz" -> get(r, health::healthz);
        case "readyz" -> get(r, health::readyz);
        case "metrics" -> get(r, health::metrics);
        case "diagnostics" -> get(r, () -> Reply.ok(ctx.diagnostics().get()));
        default -> unknownPath(r);
      };
    }
    if (s.size() >= 3 && s.get(0).equals("api") && s.get(1).equals("v1")) {
      return switch (s.get(2)) {
        case "services" -> services.handle(r, r.tail(3));
        case "events" ->
            s.size() == 3
                ? get(r, () -> EventStream.list(ctx.health(), ctx.publishEvents()))
                : unknownPath(r);
        case "publish" ->
            s.size() == 3
                ? get(r, () -> Reply.ok(PublishJson.targets(ctx.publish().get())))
                : unknownPath(r);
        case "cluster" -> s.size() == 3 ? get(r, this::cluster) : unknownPath(r);
        default -> unknownPath(r);
      };
    }
    return unknownPath(r);
  }

  private Reply cluster() {
    return ctx.cluster() == null
        ? Reply.notFound("cluster mode is off")
        : Reply.ok(ctx.cluster().status());
  }

  private static Reply get(Request r, Supplier<Reply> answer) {
    return only(r, HttpMethod.GET) ? answer.get() : notAllowed("GET");
  }

  static boolean only(Request r, HttpMethod method) {
    return r.method().equals(method);
  }

  static Reply notAllowed(String allowed) {
    return Reply.error(METHOD_NOT_ALLOWED, "method not allowed; allowed: " + allowed)
        .withHeader("Allow", allowed);
  }

  static Reply unknownPath(Request r) {
    return Reply.error(NOT_FOUND, "no such path: " + r.path());
  }
}
