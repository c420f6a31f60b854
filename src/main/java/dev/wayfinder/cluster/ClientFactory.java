package dev.wayfinder.cluster;

import io.etcd.jetcd.Client;
import java.time.Duration;
import java.util.List;

/**
 * Builds the jetcd client for one connection. Calls go round-robin over the members: jetcd's
 * default (gRPC's pick_first) sends every call of every node to the first member listed, so losing
 * that one member cut every node off until gRPC moved on. Calls fail instead of waiting: {@code
 * waitForReady} off makes a call to an unreachable etcd fail as soon as gRPC knows, and one quick
 * retry lets a call move on to another member. The session's own timeouts and renewals decide
 * whether the node is connected; jetcd's patient defaults (retries for seconds, calls waiting for a
 * channel) would hide an outage. gRPC's keepalive pings are off: the lease renewals already show a
 * dead connection, and with keepalive on gRPC asks Netty's NIO channel for an epoll-only option and
 * Netty warns about it on every connection.
 */
final class ClientFactory {
  private ClientFactory() {}

  static Client build(List<String> endpoints, Duration callTimeout) {
    return Client.builder()
        .endpoints(endpoints.toArray(String[]::new))
        .loadBalancerPolicy("round_robin")
        .connectTimeout(callTimeout)
        .waitForReady(false)
        .keepaliveTime(null)
        .retryMaxAttempts(1)
        .retryDelay(100)
        .retryMaxDelay(200)
        .retryMaxDuration(callTimeout)
        .build();
  }
}
