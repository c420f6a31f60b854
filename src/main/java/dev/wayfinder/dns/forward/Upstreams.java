package dev.wayfinder.dns.forward;

import dev.wayfinder.config.ForwardConfig;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.WireParseException;

/**
 * The configured upstreams, asked in order: a timeout, a network error, a malformed reply or an
 * error RCODE moves on to the next one. Only NOERROR and NXDOMAIN are answers; when no upstream
 * gives one the result is null and the forwarder answers SERVFAIL.
 */
final class Upstreams {
  private static final Logger log = LoggerFactory.getLogger(Upstreams.class);

  private final List<UpstreamClient> clients;
  private final UpstreamMetrics metrics;
  private volatile boolean stopped;

  Upstreams(
      ForwardConfig config,
      EventLoopGroup group,
      UpstreamClient.SocketPolicy sockets,
      UpstreamMetrics metrics) {
    this.metrics = metrics;
    this.clients =
        config.upstreams().stream()
            .map(
                (InetSocketAddress address) ->
                    new UpstreamClient(address, config.timeout(), group, sockets))
            .toList();
  }

  /**
   * The first usable reply to the question in {@code key}, or {@code null} when every upstream
   * failed. Never completes exceptionally.
   */
  CompletableFuture<WireReply> query(CacheKey key) {
    return attempt(key, 0);
  }

  private CompletableFuture<WireReply> attempt(CacheKey key, int index) {
    if (stopped || index >= clients.size()) {
      return CompletableFuture.completedFuture(null);
    }
    UpstreamClient client = clients.get(index);
    // Every upstream gets a query of its own with a fresh random ID (RFC 5452 section 9.2).
    long start = System.nanoTime();
    metrics.sent(client.address());
    return client
        .send(key)
        .handle(
            (wire, error) -> {
              long took = System.nanoTime() - start;
              String problem = error != null ? error.toString() : null;
              if (problem == null) {
                try {
                  WireReply reply = WireReply.parse(wire);
                  metrics.answered(client.address(), reply.rcode(), took);
                  if (isAnswer(reply)) {
                    return CompletableFuture.completedFuture(reply);
                  }
                  problem = "rcode " + reply.rcode();
                } catch (WireParseException e) {
                  metrics.failed(client.address(), UpstreamMetrics.Failure.MALFORMED, took);
                  problem = e.toString();
                }
              } else {
                metrics.failed(client.address(), failure(error), took);
              }
              log.debug("{} failed for {}: {}", client, key, problem);
              return attempt(key, index + 1);
            })
        .thenCompose(next -> next);
  }

  private static UpstreamMetrics.Failure failure(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof TimeoutException) {
      return UpstreamMetrics.Failure.TIMEOUT;
    }
    if (cause instanceof WireParseException
        || cause instanceof IllegalStateException e
            && e.getMessage().contains("another question")) {
      return UpstreamMetrics.Failure.MALFORMED;
    }
    return UpstreamMetrics.Failure.NETWORK;
  }

  /**
   * RFC 1035 4.1.1: only NOERROR and NXDOMAIN are answers; other RCODEs are the server's problem.
   */
  private static boolean isAnswer(WireReply reply) {
    return CachePolicy.classify(reply) != CachePolicy.Outcome.ERROR;
  }

  /** Stops asking and closes the sockets: queries not yet answered end as failures. */
  void stop() {
    stopped = true;
    clients.forEach(UpstreamClient::stop);
  }
}
