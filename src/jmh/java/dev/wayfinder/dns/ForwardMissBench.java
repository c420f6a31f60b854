package dev.wayfinder.dns;

import dev.wayfinder.dns.forward.ForwardAnswer;
import dev.wayfinder.dns.forward.Forwarder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * A cache miss end to end: {@link Forwarder#resolve} for a question whose upstream answer has TTL 0
 * (never cached), so every call sends a query over loopback UDP to an in-process upstream, waits
 * for the reply and builds the answer. The upstream echoes the question behind one A record with
 * byte copies only, so the allocation {@code -prof gc} reports (all threads) is the forwarder's.
 * ns/op is a round trip, two thread wake-ups included, not CPU alone; each iteration also prints
 * the process's CPU time per miss (all threads: forwarder, upstream, JIT and GC) to stderr.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class ForwardMissBench {
  private EchoUpstream upstream;
  private Forwarder forwarder;
  private byte[] lowerName;
  private long iterationCpuStart;
  private long iterationMisses;

  @Setup
  public void setUp() throws Exception {
    upstream = new EchoUpstream();
    forwarder = UdpPipeline.forwarder(upstream.address());
    lowerName = Name.fromString("host.example.org.").toWireCanonical();
  }

  @Setup(Level.Iteration)
  public void startCpuClock() {
    iterationCpuStart = processCpuNanos();
    iterationMisses = 0;
  }

  @TearDown(Level.Iteration)
  public void printCpuPerMiss() {
    long cpu = processCpuNanos() - iterationCpuStart;
    System.err.printf("cpu %.1f us/miss over %d misses%n", cpu / 1e3 / iterationMisses, iterationMisses);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** One upstream round trip through the forwarder. */
  @Benchmark
  public int miss() throws Exception {
    iterationMisses++;
    ForwardAnswer answer =
        forwarder.resolve(lowerName, Type.A, DClass.IN).get(5, TimeUnit.SECONDS);
    if (answer.ancount() != 1) {
      throw new IllegalStateException("no answer: rcode " + answer.rcode());
    }
    return answer.tail().length;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    forwarder.stop(Duration.ofSeconds(1));
    upstream.close();
  }

  /**
   * Answers each query with its header and question (OPT dropped) and one A record, TTL 0, written
   * into a reused buffer.
   */
  private static final class EchoUpstream implements AutoCloseable {
    private static final byte[] ANSWER = {
      (byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, (byte) 192, 0, 2, 1
    };
    private final DatagramSocket socket;

    EchoUpstream() throws IOException {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread thread = new Thread(this::serve, "echo-upstream");
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
      byte[] buffer = new byte[1500];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      while (!socket.isClosed()) {
        try {
          packet.setLength(buffer.length);
          socket.receive(packet);
          int end = questionEnd(buffer);
          buffer[2] = (byte) (buffer[2] | 0x80); // QR
          buffer[3] = (byte) 0x80; // RA, NOERROR
          buffer[6] = 0;
          buffer[7] = 1; // ANCOUNT
          buffer[10] = 0;
          buffer[11] = 0; // ARCOUNT: the OPT is dropped
          System.arraycopy(ANSWER, 0, buffer, end, ANSWER.length);
          packet.setLength(end + ANSWER.length);
          socket.send(packet);
        } catch (IOException | RuntimeException e) {
          if (socket.isClosed()) {
            return;
          }
        }
      }
    }

    private static int questionEnd(byte[] wire) {
      int pos = 12;
      while (wire[pos] != 0) {
        pos += 1 + (wire[pos] & 0xFF);
      }
      return pos + 5;
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
