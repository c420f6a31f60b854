package dev.wayfinder.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a free loopback port whose answer the test changes at runtime: a status, a
 * body, alternating 200/503 per request, or holding every request past the probe's timeout.
 */
final class FlipServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile String body = "ok";
  private volatile boolean alternate;
  private volatile boolean hold;

  FlipServer(InetAddress address, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(address, port), 1024);
    server.createContext("/health", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static FlipServer start() throws IOException {
    return new FlipServer(Fixtures.LOCAL, 0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    int n = requests.incrementAndGet();
    if (hold) {
      try {
        released.await(30, TimeUnit.SECONDS); // until the test ends: longer than any timeout
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int code = alternate ? (n % 2 == 1 ? 200 : 503) : status;
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** For field initializers and lambdas that cannot throw. */
  static FlipServer startUnchecked() {
    try {
      return start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Loads the JDK HTTP client's classes once per JVM, so a test's first probe is not slowed past a
   * 100ms timeout by class loading (with "the first result decides" that would decide a failure).
   */
  static synchronized void warmUpHttpClient() throws Exception {
    if (warm) {
      return;
    }
    try (FlipServer s = start();
        Probe p =
            Probes.create(
                Fixtures.relaxed(
                    Fixtures.health(dev.wayfinder.registry.HealthSpec.Type.HTTP, s.target())))) {
      if (!p.check(Fixtures.LOCAL).outcome().ok()) {
        throw new IllegalStateException("warm-up probe failed");
      }
    }
    warm = true;
  }

  private static boolean warm;

  int port() {
    return server.getAddress().getPort();
  }

  /** The probe target for this server, {@code {}} standing for the endpoint. */
  String target() {
    return "http://{}:" + port() + "/health";
  }

  int requests() {
    return requests.get();
  }

  FlipServer status(int code) {
    this.status = code;
    return this;
  }

  FlipServer body(String text) {
    this.body = text;
    return this;
  }

  FlipServer alternate() {
    this.alternate = true;
    return this;
  }

  FlipServer hold() {
    this.hold = true;
    return this;
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
