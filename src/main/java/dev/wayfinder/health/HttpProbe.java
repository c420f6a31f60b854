package dev.wayfinder.health;

import dev.wayfinder.registry.HealthSpec;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The {@code http} and {@code https} probes: a GET of the target URL whose status must be in {@code
 * expect_status} and whose first 64 KiB must hold {@code expect_body} when set.
 *
 * <p>Asynchronous: {@link #start} hands the request to a client shared by all services with the
 * same TLS trust ({@link HttpClients}), which keeps connections to each server alive between probes
 * (a new TCP and TLS handshake per probe costs more than the probe itself). Each endpoint's request
 * is prepared once ({@link HttpRoute}) and the usual results are shared objects, so a probe builds
 * no strings. TLS: SNI is the target URL's host; after {@code {}} is replaced by an address the
 * host is an IP literal, for which no SNI is sent (RFC 6066 section 3), and the certificate must
 * then name that IP.
 */
final class HttpProbe implements AsyncProbe {
  static final int BODY_LIMIT = 64 * 1024;
  private static final int STATUS_CODES = 1000; // three digits (RFC 9110 section 15)

  private final String target;
  private final long timeoutNanos;
  private final ProbeResult timedOut;
  private final ExpectedStatus expectStatus;
  private final String expectBody;
  private final NettyHttpClient client;
  private final Map<InetAddress, HttpRoute> routes = new ConcurrentHashMap<>();

  /** The result of each status when the body does not matter; filled as statuses are seen. */
  private final ProbeResult[] byStatus = new ProbeResult[STATUS_CODES];

  HttpProbe(HealthSpec config) throws GeneralSecurityException, IOException {
    this.target = config.target();
    this.timeoutNanos = config.timeout().toNanos();
    this.timedOut = ProbeResult.timeout("timeout after " + config.timeout().toMillis() + "ms");
    this.expectStatus = ExpectedStatus.parse(config.expectStatus());
    this.expectBody = config.expectBody();
    this.client = HttpClients.forConfig(config);
  }

  @Override
  public CompletionStage<ProbeResult> start(InetAddress endpoint) {
    long deadline = System.nanoTime() + timeoutNanos;
    HttpRoute route = routes.get(endpoint);
    if (route == null) {
      try {
        route = routes.computeIfAbsent(endpoint, this::route);
      } catch (IllegalArgumentException e) {
        return CompletableFuture.completedFuture(describe(e));
      }
    }
    return client.get(route, deadline).handle(this::verdict);
  }

  private HttpRoute route(InetAddress endpoint) {
    HttpTarget url = HttpTarget.parse(Targets.url(target, endpoint));
    return client.route(url, expectBody != null, BODY_LIMIT);
  }

  private ProbeResult verdict(HttpExchange.Answer answer, Throwable error) {
    if (error == null) {
      return judge(answer);
    }
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof TimeoutException) {
      return timedOut;
    }
    if (cause instanceof UnknownHostException) {
      return ProbeResult.fail("unknown host: " + cause.getMessage());
    }
    return describe(cause);
  }

  private ProbeResult judge(HttpExchange.Answer response) {
    int status = response.status();
    if (expectBody != null || status < 0 || status >= STATUS_CODES) {
      return judge(status, response.body());
    }
    ProbeResult known = byStatus[status];
    if (known == null) {
      known = judge(status, "");
      byStatus[status] = known; // a benign race: equal values
    }
    return known;
  }

  private ProbeResult judge(int status, String body) {
    if (!expectStatus.accepts(status)) {
      return ProbeResult.fail("HTTP " + status);
    }
    if (expectBody != null && !body.contains(expectBody)) {
      return ProbeResult.fail("HTTP " + status + ", body lacks \"" + expectBody + "\"");
    }
    return ProbeResult.pass("HTTP " + status);
  }

  private ProbeResult describe(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return ProbeResult.fail("TLS: " + t.getMessage()); // often wrapped by the TLS handler
      }
    }
    if (error instanceof ConnectTimeoutException) {
      return ProbeResult.timeout("connect timeout");
    }
    if (error instanceof ConnectException) {
      return ProbeResult.fail("connection refused");
    }
    return ProbeResult.fail(error.getClass().getSimpleName() + ": " + error.getMessage());
  }
}
