package dev.wayfinder.dns;

import dev.wayfinder.config.Cidr;
import dev.wayfinder.dns.forward.ForwardAnswer;
import dev.wayfinder.dns.forward.Forwarder;
import dev.wayfinder.zone.BenchZone;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
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
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Cached forwarding without the socket: a real {@link Forwarder} whose cache was filled from a
 * small in-process upstream, then {@code udp} pushes queries for those names through the UDP
 * pipeline (parse, the synchronous cache hit, compose with TTLs patched in the reply). {@code
 * cachedLookup} is the hit look-up alone and {@code resolveAsync} the asynchronous path every hit
 * took before (key copy, futures, tail copy); {@link #hitPath} runs {@code udp} both ways. Run with
 * {@code -prof gc} for bytes per query.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class ForwardHitBench {
  private static final int NAMES = 1024;

  /**
   * {@code sync}: the server as it is ({@link Forwarder#cached} first); {@code async}: hits through
   * {@link Forwarder#resolve} only, as before the synchronous path.
   */
  @Param({"sync", "async"})
  String hitPath;

  private FakeUpstream upstream;
  private Forwarder forwarder;
  private UdpPipeline pipeline;
  private DatagramPacket[] packets;
  private byte[][] lowerNames;
  private int next;

  @Setup
  public void setUp() throws Exception {
    upstream = new FakeUpstream();
    forwarder = UdpPipeline.forwarder(upstream.address());
    pipeline =
        new UdpPipeline(
            BenchZone.snapshot(10),
            new ForwardStep(
                hitPath.equals("sync") ? Upstream.of(forwarder) : forwarder::resolve,
                List.of(Cidr.parse("127.0.0.0/8"))));
    packets = new DatagramPacket[NAMES];
    lowerNames = new byte[NAMES][];
    for (int i = 0; i < NAMES; i++) {
      Name name = Name.fromString("host" + i + ".example.org.");
      lowerNames[i] = name.toWireCanonical();
      ForwardAnswer warm =
          forwarder.resolve(lowerNames[i], Type.A, DClass.IN).get(5, TimeUnit.SECONDS);
      if (warm.ancount() != 1) {
        throw new IllegalStateException("upstream did not answer " + name);
      }
      packets[i] =
          UdpPipeline.datagram(
              Message.newQuery(Record.newRecord(name, Type.A, DClass.IN)).toWire());
    }
  }

  /** One cached forwarded query in, one reply out, through the UDP handler. */
  @Benchmark
  public int udp() {
    return pipeline.exchange(packets[next++ & (NAMES - 1)]);
  }

  /** The synchronous hit look-up alone. */
  @Benchmark
  public Object cachedLookup() {
    byte[] name = lowerNames[next++ & (NAMES - 1)];
    return forwarder.cached(name, name.length, Type.A, DClass.IN, forwarder.now());
  }

  /** What every hit cost before: the asynchronous path with a key copy and a counted-down tail. */
  @Benchmark
  public Object resolveAsync() {
    byte[] name = lowerNames[next++ & (NAMES - 1)];
    return forwarder.resolve(name.clone(), Type.A, DClass.IN).getNow(null);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pipeline.close(packets);
    forwarder.stop(Duration.ofSeconds(1));
    upstream.close();
  }

  /** Answers every A query with one address, TTL 300, from a thread of its own. */
  private static final class FakeUpstream implements AutoCloseable {
    private final InetAddress answerAddress = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
    private final DatagramSocket socket;
    private final Thread thread;

    FakeUpstream() throws IOException {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      thread = new Thread(this::serve, "fake-upstream");
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
      byte[] buffer = new byte[1500];
      while (!socket.isClosed()) {
        try {
          java.net.DatagramPacket in = new java.net.DatagramPacket(buffer, buffer.length);
          socket.receive(in);
          Message query = new Message(java.util.Arrays.copyOf(in.getData(), in.getLength()));
          Message reply = new Message(query.getHeader().getID());
          reply.getHeader().setFlag(Flags.QR);
          reply.getHeader().setFlag(Flags.RA);
          reply.addRecord(query.getQuestion(), Section.QUESTION);
          Name name = query.getQuestion().getName();
          reply.addRecord(new ARecord(name, DClass.IN, 300, answerAddress), Section.ANSWER);
          byte[] out = reply.toWire();
          socket.send(new java.net.DatagramPacket(out, out.length, in.getSocketAddress()));
        } catch (IOException | RuntimeException e) {
          if (socket.isClosed()) {
            return;
          }
        }
      }
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
