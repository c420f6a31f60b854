package dev.wayfinder.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a free loopback port answering {@code /health/ADDRESS} with a status the
 * test flips at runtime, one per endpoint address (200 until told otherwise). Health targets point
 * at it with {@code http://127.0.0.1:PORT/health/{}}, so endpoints can have addresses that are
 * never contacted.
 */
final class HealthTargets implements AutoCloseable {
  private static final String PREFIX = "/health/";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

  HealthTargets() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.createContext(PREFIX, this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** The target template for a service's {@code health.target}. */
  String target() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX + "{}";
  }

  /** From now on, probes of {@code address} get {@code status}. */
  void set(String address, int status) {
    statuses.put(address, status);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String address = exchange.getRequestURI().getPath().substring(PREFIX.length());
    int status = statuses.getOrDefault(address, 200);
    byte[] body = (status < 400 ? "ok" : "down").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
