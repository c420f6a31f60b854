package dev.wayfinder.dns;

import dev.wayfinder.admin.MicrometerDnsMetrics;
import dev.wayfinder.config.QueryLogConfig;
import dev.wayfinder.dns.querylog.QueryLog;
import dev.wayfinder.zone.BenchZone;
import dev.wayfinder.zone.ZoneSnapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.socket.DatagramPacket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * What observing costs the query thread: the UDP request path of {@link RequestPathBench} with no
 * observer ({@code off}), with the daemon's metrics ({@code metrics}), and with the metrics and a
 * {@code full} query log to /dev/null ({@code log}; its writer formats on a thread of its own, not
 * counted here). {@code -prof gc} shows what each allocates per query.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class ObservedPathBench {
  @Param({"off", "metrics", "log"})
  String observer;

  private UdpPipeline pipeline;
  private DatagramPacket[] packets;
  private QueryLog log;
  private int next;

  @Setup
  public void setUp() throws Exception {
    ZoneSnapshot zone = BenchZone.snapshot(10_000);
    QueryObserver seen = QueryObserver.NOOP;
    if (!observer.equals("off")) {
      seen =
          new MicrometerDnsMetrics(
              new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "svc.cluster.local", "bench");
    }
    if (observer.equals("log")) {
      log = new QueryLog(new QueryLogConfig(QueryLogConfig.Mode.FULL, 1, "/dev/null"));
      log.start();
      seen = QueryObserver.both(seen, log);
    }
    pipeline = new UdpPipeline(zone, new ForwardStep(null, List.of()), seen);
    List<BenchZone.Question> mix = BenchZone.mix(10_000, 4096, 7);
    packets = new DatagramPacket[mix.size()];
    for (int i = 0; i < packets.length; i++) {
      BenchZone.Question q = mix.get(i);
      packets[i] =
          UdpPipeline.datagram(
              Message.newQuery(
                      Record.newRecord(Name.fromString(q.name()), q.qtype(), DClass.IN))
                  .toWire());
    }
  }

  @Benchmark
  public int udp() {
    return pipeline.exchange(packets[next++ & (packets.length - 1)]);
  }

  @TearDown
  public void tearDown() {
    pipeline.close(packets);
    if (log != null) {
      log.close();
    }
  }
}
