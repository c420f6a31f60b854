package dev.wayfinder.admin;

import dev.wayfinder.cluster.ClusterView;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a supervisor asks: {@code /healthz} (the process runs), {@code /readyz} (the daemon answers
 * with its full state: 503 with the reason until then) and {@code /metrics} (Prometheus text).
 */
final class HealthEndpoints {
  /** Prometheus text exposition format 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Supplier<String> notReadyReason;
  private final PrometheusMeterRegistry metrics;

  /** Null on a single node. */
  private final ClusterView cluster;

  HealthEndpoints(
      Supplier<String> notReadyReason, PrometheusMeterRegistry metrics, ClusterView cluster) {
    this.notReadyReason = notReadyReason;
    this.metrics = metrics;
    this.cluster = cluster;
  }

  Reply healthz() {
    return Reply.ok(Map.of("status", "ok"));
  }

  Reply readyz() {
    String reason = notReadyReason.get();
    if (reason == null) {
      // Without etcd a node still answers, from its last state and its own probes: ready, but
      // the operator should know (SPEC "Cluster mode").
      String degraded = cluster == null ? null : cluster.degradedReason();
      return degraded == null
          ? Reply.ok(Map.of("status", "ready"))
          : Reply.ok(Map.of("status", "degraded", "reason", degraded));
    }
    return Reply.json(
        HttpResponseStatus.SERVICE_UNAVAILABLE, Map.of("status", "not ready", "reason", reason));
  }

  Reply metrics() {
    return Reply.text(HttpResponseStatus.OK, PROMETHEUS_TEXT, metrics.scrape());
  }
}
