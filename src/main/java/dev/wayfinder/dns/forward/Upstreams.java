package dev.wayfinder.dns.forward;

import dev.wayfinder.config.ForwardConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.WireParseException;

/**
 * The configured upstreams, asked in order: a timeout, a network error or an error RCODE moves on
 * to the next one. Only NOERROR and NXDOMAIN are answers; when no upstream gives one the result
 * is empty and the forwarder answers SERVFAIL.
 */
final class Upstreams {
  private static final Logger log = LoggerFactory.getLogger(Upstreams.class);

  private final List<UpstreamClient> clients;
  private volatile boolean stopped;

  Upstreams(ForwardConfig config) {
    this.clients =
        config.upstreams().stream()
            .map((InetSocketAddress address) -> new UpstreamClient(address, config.timeout()))
            .toList();
  }

  /**
   * The first usable answer to the question in {@code key}, or {@code null} when every upstream
   * failed. Never completes exceptionally.
   */
  CompletableFuture<Message> query(CacheKey key) {
    Record question;
    try {
      Name name = AnswerCodec.questionName(key);
      question = Record.newRecord(name, key.qtype(), key.qclass());
    } catch (WireParseException | IllegalArgumentException e) {
      log.debug("cannot forward malformed question {}: {}", key, e.getMessage());
      return CompletableFuture.completedFuture(null);
    }
    return attempt(question, 0);
  }

  private CompletableFuture<Message> attempt(Record question, int index) {
    if (stopped || index >= clients.size()) {
      return CompletableFuture.completedFuture(null);
    }
    UpstreamClient client = clients.get(index);
    // A fresh query (and so a fresh random ID, RFC 5452 section 9.2) for every upstream; RD is set.
    return client
        .send(Message.newQuery(question))
        .handle(
            (response, error) -> {
              if (error == null && isAnswer(response)) {
                return CompletableFuture.completedFuture(response);
              }
              log.debug("{} failed for {}: {}", client, question, describe(response, error));
              return attempt(question, index + 1);
            })
        .thenCompose(next -> next);
  }

  /** RFC 1035 4.1.1: only NOERROR and NXDOMAIN are answers; other RCODEs are the server's problem. */
  private static boolean isAnswer(Message response) {
    return CachePolicy.classify(response) != CachePolicy.Outcome.ERROR;
  }

  private static String describe(Message response, Throwable error) {
    return error != null ? error.toString() : "rcode " + response.getHeader().getRcode();
  }

  /** Stops asking: queries not yet sent end as failures. */
  void stop() {
    stopped = true;
  }
}
