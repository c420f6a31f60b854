package dev.wayfinder.dns;

import dev.wayfinder.zone.BenchZone;
import dev.wayfinder.zone.ZoneAnswer;
import dev.wayfinder.zone.ZoneSnapshot;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
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
 * The request path without the socket: {@code udp} pushes a received datagram through the real
 * {@link UdpHandler} pipeline on an {@link EmbeddedChannel} (parse, zone lookup, compose, the
 * outbound datagram) and takes the reply off; {@code compose} is the wire encoding of one reply
 * alone. Run with {@code -prof gc} for bytes allocated per query: the query datagrams are made
 * once and retained per use, so what is counted is the server's own allocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class RequestPathBench {
  @Param("10000")
  int services;

  private UdpPipeline pipeline;
  private DatagramPacket[] packets;
  private int next;

  private ByteBuf oneQuery;
  private WireQuery parsed;
  private ZoneAnswer oneAnswer;

  @Setup
  public void setUp() throws Exception {
    ZoneSnapshot zone = BenchZone.snapshot(services);
    pipeline = new UdpPipeline(zone, new ForwardStep(null, List.of()));
    List<BenchZone.Question> mix = BenchZone.mix(services, 4096, 7);
    packets = new DatagramPacket[mix.size()];
    for (int i = 0; i < packets.length; i++) {
      packets[i] = UdpPipeline.datagram(query(mix.get(i)));
    }
    oneQuery = UdpPipeline.direct(query(mix.get(0)));
    parsed = new WireQuery();
    QueryParser.parse(oneQuery, parsed);
    oneAnswer = zone.find(parsed.lowerName, parsed.nameLength, parsed.qtype).detached();
  }

  private static byte[] query(BenchZone.Question q) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(q.name()), q.qtype(), DClass.IN))
        .toWire();
  }

  /** One query in, one reply out, through the UDP handler. */
  @Benchmark
  public int udp() {
    return pipeline.exchange(packets[next++ & (packets.length - 1)]);
  }

  /** Composing one reply from a parsed query and its precomputed answer. */
  @Benchmark
  public int compose() {
    ByteBuf reply =
        ResponseWriter.answer(
            PooledByteBufAllocator.DEFAULT,
            oneQuery,
            parsed,
            oneAnswer,
            next++,
            parsed.udpLimit());
    int size = reply.readableBytes();
    reply.release();
    return size;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pipeline.close(packets);
    oneQuery.release();
  }
}
