package dev.wayfinder.dns;

import dev.wayfinder.dns.forward.ForwardAnswer;
import dev.wayfinder.dns.forward.Forwarder;
import java.util.concurrent.CompletableFuture;

/**
 * Where names outside the zone are resolved: {@link Forwarder#resolve} in production, a fake in
 * handler tests. Same contract: the future never completes exceptionally (SERVFAIL instead).
 */
@FunctionalInterface
interface Upstream {
  CompletableFuture<ForwardAnswer> resolve(byte[] lowerName, int qtype, int qclass);
}
