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
 * Health targets as each cluster node sees them: a real HTTP server on a free loopback port
 * answering {@code /NODE/ADDRESS}, so a test decides an endpoint's health per address for every
 * node ({@link #set}) or for one node's vantage point only ({@link #setFrom}), as when only that
 * node's network cannot reach it. Each node's config points its services at {@link
 * #target(String)}; everything answers 200 until told otherwise.
 */
final class VantageTargets implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  /** Address → status for every node. */
  private final Map<String, Integer> everywhere = new ConcurrentHashMap<>();

  /** "NODE/ADDRESS" → status for that node; wins over {@link #everywhere}. */
  private final Map<String, Integer> fromNode = new ConcurrentHashMap<>();

  VantageTargets() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** The target template for {@code node}'s {@code health.target}. */
  String target(String node) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + node + "/{}";
  }

  /** From now on, every node's probes of {@code address} get {@code status}. */
  void set(String address, int status) {
    everywhere.put(address, status);
  }

  /** From now on, {@code node}'s probes of {@code address} get {@code status}. */
  void setFrom(String node, String address, int status) {
    fromNode.put(node + "/" + address, status);
  }

  /** Every address answers 200 to every node again. */
  void reset() {
    everywhere.clear();
    fromNode.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().substring(1); // NODE/ADDRESS
    int slash = path.indexOf('/');
    String address = slash < 0 ? path : path.substring(slash + 1);
    Integer status = fromNode.get(path);
    if (status == null) {
      status = everywhere.getOrDefault(address, 200);
    }
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
