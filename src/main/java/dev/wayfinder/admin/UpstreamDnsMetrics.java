package dev.wayfinder.admin;

import dev.wayfinder.dns.forward.UpstreamMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The forwarder's upstream queries as meters: {@code wayfinder_forward_requests_total{upstream}},
 * {@code wayfinder_forward_responses_total{upstream,rcode}}, {@code
 * wayfinder_forward_errors_total{upstream,kind}} (timeout, malformed, network) and {@code
 * wayfinder_forward_request_duration_seconds{upstream}}. Upstream queries are the cache's misses,
 * far fewer than queries, so meters are found in maps keyed by upstream (built once each).
 */
final class UpstreamDnsMetrics implements UpstreamMetrics {
  private final MeterRegistry registry;
  private final Map<InetSocketAddress, Meters> byUpstream = new ConcurrentHashMap<>();

  UpstreamDnsMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One upstream's meters; responses by RCODE and errors by kind are made when first needed. */
  private final class Meters {
    final String label;
    final Counter requests;
    final Timer duration;
    final Map<Integer, Counter> responses = new ConcurrentHashMap<>();
    final Map<Failure, Counter> errors = new ConcurrentHashMap<>();

    Meters(InetSocketAddress upstream) {
      label = upstream.getAddress().getHostAddress() + ":" + upstream.getPort();
      requests =
          Counter.builder("wayfinder.forward.requests")
              .description("Queries sent to an upstream")
              .tag("upstream", label)
              .register(registry);
      duration =
          Timer.builder("wayfinder.forward.request.duration")
              .description("Time an upstream took to reply or fail")
              .tag("upstream", label)
              .serviceLevelObjectives(
                  Duration.ofMillis(1),
                  Duration.ofMillis(5),
                  Duration.ofMillis(10),
                  Duration.ofMillis(25),
                  Duration.ofMillis(50),
                  Duration.ofMillis(100),
                  Duration.ofMillis(250),
                  Duration.ofMillis(500),
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(5))
              .register(registry);
    }

    Counter response(int rcode) {
      return responses.computeIfAbsent(
          rcode,
          r ->
              Counter.builder("wayfinder.forward.responses")
                  .description("Upstream replies, by RCODE")
                  .tag("upstream", label)
                  .tag("rcode", DnsMetricsLabels.rcodeName(DnsMetricsLabels.rcode(r)))
                  .register(registry));
    }

    Counter error(Failure failure) {
      return errors.computeIfAbsent(
          failure,
          f ->
              Counter.builder("wayfinder.forward.errors")
                  .description("Upstream queries with no usable reply, by kind")
                  .tag("upstream", label)
                  .tag("kind", f.label())
                  .register(registry));
    }
  }

  private Meters meters(InetSocketAddress upstream) {
    return byUpstream.computeIfAbsent(upstream, Meters::new);
  }

  @Override
  public void sent(InetSocketAddress upstream) {
    meters(upstream).requests.increment();
  }

  @Override
  public void answered(InetSocketAddress upstream, int rcode, long nanos) {
    Meters m = meters(upstream);
    m.response(rcode).increment();
    m.duration.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void failed(InetSocketAddress upstream, Failure failure, long nanos) {
    Meters m = meters(upstream);
    m.error(failure).increment();
    m.duration.record(nanos, TimeUnit.NANOSECONDS);
  }
}
