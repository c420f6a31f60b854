package dev.wayfinder.e2e;

import static dev.wayfinder.e2e.E2eConfig.fqdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * {@code dns.limits} against a real daemon over loopback: TCP connections in total and per client
 * address (one over is closed at once), the idle timeout since the last byte, the deadline of a
 * message begun, and forwarded queries in flight (one over gets SERVFAIL at once), with an upstream
 * stub on loopback that never answers.
 */
class DnsLimitsE2eTest {
  @TempDir Path dir;
  RunningDaemon daemon;
  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    if (daemon != null) {
      daemon.close();
    }
  }

  private void start(E2eConfig config) throws Exception {
    daemon = RunningDaemon.start(config.yaml() + "query_log: {mode: \"off\"}\n");
  }

  private E2eConfig config() {
    return new E2eConfig(dir.resolve("data"));
  }

  /** A TCP connection from {@code sourceIp}, kept open until the test ends. */
  private Socket connect(String sourceIp) throws IOException {
    Socket s = new Socket();
    open.add(s);
    s.bind(new InetSocketAddress(sourceIp, 0));
    s.connect(daemon.dnsAddress(), 2000);
    s.setSoTimeout(5000);
    return s;
  }

  /** Asks one question on {@code s}; empty when the server closed the connection instead. */
  private static Optional<Message> ask(Socket s) {
    try {
      s.getOutputStream().write(RawDns.framed(RawDns.queryA(fqdn("web")).toWire()));
      s.getOutputStream().flush();
      return Optional.of(RawDns.readTcp(s));
    } catch (SocketTimeoutException e) {
      throw new AssertionError("neither an answer nor a close", e);
    } catch (IOException e) {
      return Optional.empty(); // EOF or reset: closed
    }
  }

  private double metric(String name) {
    return ScrapedMetrics.parse(daemon.daemon().metrics().scrape()).value(name);
  }

  @Test
  void aConnectionOverTcpConnectionsIsClosedAndTheNextFitsOnceOneCloses() throws Exception {
    start(config().limits("{tcp_connections: 3}"));
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Socket s = connect("127.0.0." + (10 + i));
      assertThat(ask(s)).isPresent();
      held.add(s);
    }

    assertThat(ask(connect("127.0.0.20"))).as("the fourth").isEmpty();

    held.get(0).close();
    await().atMost(Duration.ofSeconds(5)).until(() -> ask(connect("127.0.0.21")).isPresent());
    assertThat(metric("wayfinder_dns_tcp_refused_total")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aClientAddressGetsTcpPerSourceConnectionsAndOthersStillGetTheirs() throws Exception {
    start(config().limits("{tcp_per_source: 2}"));
    assertThat(ask(connect("127.0.0.5"))).isPresent();
    assertThat(ask(connect("127.0.0.5"))).isPresent();

    assertThat(ask(connect("127.0.0.5"))).as("a third from the same address").isEmpty();
    assertThat(ask(connect("127.0.0.6"))).as("another address").isPresent();
    assertThat(metric("wayfinder_dns_tcp_refused_total")).isEqualTo(1);
  }

  @Test
  void aConnectionIsClosedTcpIdleAfterItsLastByte() throws Exception {
    start(config().limits("{tcp_idle: 400ms}"));
    Socket busy = connect("127.0.0.7");
    // Asked every 100 ms for 1.2 s: never idle for 400 ms, so never closed.
    await()
        .pollInterval(Duration.ofMillis(100))
        .during(Duration.ofMillis(1200))
        .atMost(Duration.ofSeconds(5))
        .until(() -> ask(busy).isPresent());

    Socket quiet = connect("127.0.0.8");
    long start = System.nanoTime();
    InputStream in = quiet.getInputStream();
    int read;
    try {
      read = in.read();
    } catch (IOException e) {
      read = -1;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(read).as("closed").isEqualTo(-1);
    assertThat(seconds).isBetween(0.35, 4.0);
  }

  @Test
  void aMessageTrickledInIsClosedTcpIdleAfterItsFirstByte() throws Exception {
    start(config().limits("{tcp_idle: 400ms}"));
    Socket slow = connect("127.0.0.9");
    byte[] frame = RawDns.framed(RawDns.queryA(fqdn("web")).toWire());
    OutputStream out = slow.getOutputStream();
    // One byte every 100 ms: the connection is never idle for 400 ms, and the message would take
    // frame.length / 10 seconds (over 2 s) to arrive whole.
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    open.add(trickle::shutdownNow);
    AtomicInteger sent = new AtomicInteger();
    long start = System.nanoTime();
    trickle.scheduleAtFixedRate(
        () -> {
          int i = sent.get();
          if (i < frame.length) {
            try {
              out.write(frame[i]);
              out.flush();
              sent.incrementAndGet();
            } catch (IOException closed) {
              throw new IllegalStateException(closed); // ends the schedule
            }
          }
        },
        0,
        100,
        TimeUnit.MILLISECONDS);
    int read;
    try {
      read = slow.getInputStream().read();
    } catch (IOException e) {
      read = -1;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(read).as("closed").isEqualTo(-1);
    assertThat(seconds).isBetween(0.35, 2.0);
    assertThat(sent.get()).as("bytes sent before the close").isLessThan(frame.length);
  }

  @Test
  void aForwardedQueryOverForwardInFlightGetsServfailAtOnce() throws Exception {
    DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    open.add(silent);
    start(
        config().upstreams("127.0.0.1:" + silent.getLocalPort()).limits("{forward_in_flight: 3}"));
    RawDns raw = new RawDns(daemon.dnsAddress());
    try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      // Three questions to the silent upstream, from one socket: read in order by one event loop.
      List<byte[]> waiting = new ArrayList<>();
      for (String name : List.of("a.example.test.", "b.example.test.", "c.example.test.")) {
        waiting.add(RawDns.queryA(name).toWire());
      }
      for (byte[] q : waiting) {
        client.send(new java.net.DatagramPacket(q, q.length, daemon.dnsAddress()));
      }
      String sent =
          "wayfinder_forward_requests_total{upstream=\"127.0.0.1:" + silent.getLocalPort() + "\"}";
      // Sent upstream, not answered: the upstream timeout (2 s) is far off.
      await().atMost(Duration.ofSeconds(1)).until(() -> metric(sent) == 3);

      long start = System.nanoTime();
      Optional<byte[]> reply = raw.udp(RawDns.queryA("d.example.test.").toWire());
      double seconds = (System.nanoTime() - start) / 1e9;

      assertThat(reply).isPresent();
      Message m = new Message(reply.get());
      assertThat(m.getRcode()).isEqualTo(Rcode.SERVFAIL);
      assertThat(m.getSection(Section.ANSWER)).isEmpty();
      assertThat(seconds).as("not the 2 s upstream timeout").isLessThan(1.5);
      assertThat(metric("wayfinder_forward_max_concurrent_rejects_total")).isEqualTo(1);
      // Zone answers are not forwarded and so not bounded.
      assertThat(raw.udp(RawDns.queryA(fqdn("web")).toWire())).isPresent();
    }
  }
}
