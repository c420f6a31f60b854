package dev.wayfinder.dns;

import dev.wayfinder.config.RateLimitConfig;
import dev.wayfinder.zone.BenchZone;
import dev.wayfinder.zone.ZoneSnapshot;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * What {@code dns.rate_limit} costs per query when nothing is over it: {@code udp} is {@link
 * RequestPathBench#udp} with the limit {@code off} (the default) or {@code on} (per-source and
 * global buckets at 100 million per second), and {@code verdict} the limit's decision alone (the
 * clock, the source's table entry, both buckets' compare-and-set). With {@code -prof gc} the
 * allocation per query shows it allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class RateLimitBench {
  private static final RateLimitConfig NEVER_OVER =
      new RateLimitConfig(100_000_000, 100_000_000, 0, 2);

  @Param({"off", "on"})
  String limit;

  private UdpPipeline pipeline;
  private DatagramPacket[] packets;
  private ResponseRateLimit verdicts;
  private InetAddress source;
  private int next;

  @Setup
  public void setUp() throws Exception {
    ZoneSnapshot zone = BenchZone.snapshot(10_000);
    verdicts = ResponseRateLimit.of(NEVER_OVER);
    pipeline =
        new UdpPipeline(
            zone,
            new ForwardStep(null, List.of()),
            QueryObserver.NOOP,
            limit.equals("on") ? ResponseRateLimit.of(NEVER_OVER) : null);
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
    source = InetAddress.getByName("127.0.0.1");
  }

  /** One query in, one reply out, through the UDP handler. */
  @Benchmark
  public int udp() {
    return pipeline.exchange(packets[next++ & (packets.length - 1)]);
  }

  /** The limit's decision for one answer. */
  @Benchmark
  public int verdict() {
    return verdicts.verdict(source);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pipeline.close(packets);
  }
}
