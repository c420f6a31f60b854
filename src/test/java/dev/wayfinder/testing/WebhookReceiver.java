package dev.wayfinder.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver for webhooks on a free loopback port: it records every POST to {@code /hook}
 * (headers and exact body bytes) and answers with the statuses the test queued, then 200.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** One request as received, and the status it was answered with. */
  public record Received(String contentType, String signature, byte[] body, int status) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int otherwise = 200;

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/hook", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** The URL to configure: {@code http://127.0.0.1:PORT/hook}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The next requests are answered with these statuses, in order; then 200 again. */
  public void failNext(int... codes) {
    for (int c : codes) {
      statuses.add(c);
    }
  }

  /** Every request after the queued statuses is answered {@code status} until {@link #recover}. */
  public void failFromNowOn(int status) {
    otherwise = status;
  }

  /** Answers 200 again after {@link #failFromNowOn}. */
  public void recover() {
    otherwise = 200;
  }

  /** Every request so far, in arrival order. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The requests answered 2xx, in arrival order. */
  public List<Received> delivered() {
    return received.stream().filter(r -> r.status() / 100 == 2).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Integer queued = statuses.poll();
    int status = queued == null ? otherwise : queued;
    received.add(
        new Received(
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("X-Wayfinder-Signature"),
            body,
            status));
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
