package dev.wayfinder.admin;

import dev.wayfinder.dns.AnswerSource;
import dev.wayfinder.dns.QueryObserver;
import dev.wayfinder.dns.QueryProtocol;
import dev.wayfinder.dns.QueryRecorder;
import dev.wayfinder.dns.RateLimitAction;
import dev.wayfinder.dns.forward.UpstreamMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * DNS numbers as Micrometer meters, named after CoreDNS's once rendered for Prometheus: {@code
 * wayfinder_dns_requests_total{proto,type,zone}}, {@code wayfinder_dns_responses_total{rcode}},
 * {@code wayfinder_dns_request_duration_seconds} (a histogram), {@code
 * wayfinder_dns_dropped_total{proto}}, {@code wayfinder_dns_rate_limited_total{action}}, {@code
 * wayfinder_dns_tcp_refused_total}, {@code wayfinder_forward_max_concurrent_rejects_total}, {@code
 * wayfinder_cache_hits_total}, {@code wayfinder_cache_misses_total}, {@code
 * wayfinder_cache_entries}, the upstream meters of {@link UpstreamDnsMetrics} and {@code
 * wayfinder_build_info{version}}.
 *
 * <p>The query path costs a few array increments and one timer record per reply. Counts live in one
 * {@link DnsMetricsRecorder} per event-loop thread; each counter is a {@link FunctionCounter} that
 * sums them when scraped. A request or RCODE series is registered the first time it occurs (once,
 * under a lock), so the scrape shows only label values that happened, and at most {@link
 * DnsMetricsLabels#SLOTS} request series. The duration is a Micrometer {@link Timer} with fixed
 * buckets from 10 µs to 2 s: its record is a few striped adders, a max and one atomic bucket
 * increment shared by the event loops, tens of nanoseconds against microseconds per query, and it
 * keeps the histogram a real Prometheus one (per-thread bucket arrays would save the shared
 * increment but need a collector of their own beside Micrometer).
 */
public final class MicrometerDnsMetrics implements QueryObserver {
  private static final Duration[] BUCKETS = {
    micros(10),
    micros(25),
    micros(50),
    micros(100),
    micros(250),
    micros(500),
    Duration.ofMillis(1),
    micros(2500),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2)
  };

  private final MeterRegistry registry;
  private final String zone;
  private final Timer duration;
  private final List<DnsMetricsRecorder> recorders = new CopyOnWriteArrayList<>();
  private final ThreadLocal<DnsMetricsRecorder> perThread;
  private final boolean[] requestRegistered = new boolean[DnsMetricsLabels.SLOTS];
  private final boolean[] rcodeRegistered = new boolean[DnsMetricsLabels.RCODES];
  private final UpstreamDnsMetrics upstreams;

  /**
   * @param zone the zone's name, the {@code zone} label of its answers
   * @param version the build's version, the {@code version} label of {@code wayfinder_build_info}
   */
  public MicrometerDnsMetrics(MeterRegistry registry, String zone, String version) {
    this.registry = registry;
    this.zone = zone;
    this.duration =
        Timer.builder("wayfinder.dns.request.duration")
            .description("Time from reading a query to sending its reply")
            .serviceLevelObjectives(BUCKETS)
            .register(registry);
    this.perThread = ThreadLocal.withInitial(this::newRecorder);
    this.upstreams = new UpstreamDnsMetrics(registry);
    counter(
        "wayfinder.cache.hits", "Answers written from a fresh cached answer", AnswerSource.CACHE);
    counter(
        "wayfinder.cache.misses",
        "Forwarded questions with no fresh cached answer (asked upstream, shared, stale)",
        AnswerSource.FORWARD);
    for (QueryProtocol p : QueryProtocol.values()) {
      FunctionCounter.builder("wayfinder.dns.dropped", this, m -> m.sum(r -> r.droppedCount(p)))
          .description("Queries that got no reply (unreadable, or the connection closed)")
          .tag("proto", p.label())
          .register(registry);
    }
    for (RateLimitAction a : RateLimitAction.values()) {
      FunctionCounter.builder(
              "wayfinder.dns.rate.limited", this, m -> m.sum(r -> r.rateLimitedCount(a)))
          .description("UDP answers over dns.rate_limit: dropped, or sent empty with TC (slip)")
          .tag("action", a.label())
          .register(registry);
    }
    FunctionCounter.builder("wayfinder.dns.tcp.refused", this, m -> m.sum(r -> r.tcpRefusedCount()))
        .description(
            "TCP connections closed at once: over dns.limits tcp_connections or tcp_per_source")
        .register(registry);
    FunctionCounter.builder(
            "wayfinder.forward.max.concurrent.rejects",
            this,
            m -> m.sum(r -> r.forwardRejectedCount()))
        .description(
            "Queries answered SERVFAIL at once: dns.limits.forward_in_flight were in flight")
        .register(registry);
    Gauge.builder("wayfinder.build.info", () -> 1)
        .description("Always 1; the version label says which build runs")
        .strongReference(true)
        .tag("version", version)
        .register(registry);
  }

  private static Duration micros(long n) {
    return Duration.ofNanos(n * 1000);
  }

  private void counter(String name, String description, AnswerSource source) {
    FunctionCounter.builder(name, this, m -> m.sum(r -> r.answeredFrom(source)))
        .description(description)
        .register(registry);
  }

  private DnsMetricsRecorder newRecorder() {
    DnsMetricsRecorder r = new DnsMetricsRecorder(this, duration);
    recorders.add(r);
    return r;
  }

  @Override
  public QueryRecorder recorder() {
    return perThread.get();
  }

  @Override
  public void registerCacheEntries(LongSupplier entries) {
    Gauge.builder("wayfinder.cache.entries", entries, s -> s.getAsLong())
        .description("Answers the forwarding cache holds")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void notifySent(String result) {
    Counter.builder("wayfinder.notify.sent")
        .description("NOTIFY messages to secondaries, by how they ended")
        .tag("result", result)
        .register(registry)
        .increment();
  }

  @Override
  public UpstreamMetrics upstreamMetrics() {
    return upstreams;
  }

  /** Registers {@code wayfinder_query_log_dropped_total}, read from {@code dropped}. */
  public void registerQueryLogDrops(LongSupplier dropped) {
    FunctionCounter.builder("wayfinder.query.log.dropped", dropped, s -> s.getAsLong())
        .description("Query log lines dropped because the writer fell behind")
        .register(registry);
  }

  /** Called per reply: registers the request series of {@code slot} the first time it occurs. */
  void requestSeen(int slot) {
    if (!requestRegistered[slot]) {
      registerRequest(slot);
    }
  }

  void rcodeSeen(int rcodeIndex) {
    if (!rcodeRegistered[rcodeIndex]) {
      registerRcode(rcodeIndex);
    }
  }

  private synchronized void registerRequest(int slot) {
    if (requestRegistered[slot]) {
      return;
    }
    FunctionCounter.builder("wayfinder.dns.requests", this, m -> m.sum(r -> r.requests(slot)))
        .description("DNS queries answered, by transport, query type and zone (or forward)")
        .tag("proto", DnsMetricsLabels.slotProtocol(slot).label())
        .tag("type", DnsMetricsLabels.typeName(DnsMetricsLabels.slotType(slot)))
        .tag("zone", DnsMetricsLabels.zoneName(DnsMetricsLabels.slotZone(slot), zone))
        .register(registry);
    requestRegistered[slot] = true;
  }

  private synchronized void registerRcode(int rcodeIndex) {
    if (rcodeRegistered[rcodeIndex]) {
      return;
    }
    FunctionCounter.builder(
            "wayfinder.dns.responses", this, m -> m.sum(r -> r.responses(rcodeIndex)))
        .description("DNS replies sent, by RCODE")
        .tag("rcode", DnsMetricsLabels.rcodeName(rcodeIndex))
        .register(registry);
    rcodeRegistered[rcodeIndex] = true;
  }

  private double sum(ToLongFunction<DnsMetricsRecorder> count) {
    long total = 0;
    for (DnsMetricsRecorder r : recorders) {
      total += count.applyAsLong(r);
    }
    return total;
  }
}
