package dev.wayfinder.health;

import dev.wayfinder.config.HealthConfig;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The {@code http} and {@code https} probes: a GET of the target URL whose status must be in {@code
 * expect_status} and whose first 64 KiB must hold {@code expect_body} when set.
 *
 * <p>Requests go through a client shared by all services with the same TLS trust ({@link
 * HttpClients}), which keeps connections to each server alive between probes (at 10,000 endpoints a
 * new TCP and TLS handshake every second would cost more than the probes). Each endpoint's URL is
 * parsed once. TLS: SNI is the target URL's host; after {@code {}} is replaced by an address the
 * host is an IP literal, for which no SNI is sent (RFC 6066 section 3), and the certificate must
 * then name that IP.
 */
final class HttpProbe implements Probe {
  static final int BODY_LIMIT = 64 * 1024;

  private final String target;
  private final Duration timeout;
  private final ExpectedStatus expectStatus;
  private final String expectBody;
  private final NettyHttpClient client;
  private final Map<InetAddress, HttpTarget> targets = new ConcurrentHashMap<>();

  HttpProbe(HealthConfig config) throws GeneralSecurityException, IOException {
    this.target = config.target();
    this.timeout = config.timeout();
    this.expectStatus = ExpectedStatus.parse(config.expectStatus());
    this.expectBody = config.expectBody();
    this.client = HttpClients.forConfig(config);
  }

  @Override
  public ProbeResult check(InetAddress endpoint) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      HttpTarget url =
          targets.computeIfAbsent(endpoint, a -> HttpTarget.parse(Targets.url(target, a)));
      return judge(client.get(url, expectBody != null, BODY_LIMIT, deadline));
    } catch (TimeoutException e) {
      return timedOut();
    } catch (ExecutionException e) {
      return describe(e.getCause());
    } catch (UnknownHostException e) {
      return ProbeResult.fail("unknown host: " + e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      return describe(e);
    }
  }

  private ProbeResult judge(HttpExchange.Answer response) {
    int status = response.status();
    if (!expectStatus.accepts(status)) {
      return ProbeResult.fail("HTTP " + status);
    }
    if (expectBody != null && !response.body().contains(expectBody)) {
      return ProbeResult.fail("HTTP " + status + ", body lacks \"" + expectBody + "\"");
    }
    return ProbeResult.pass("HTTP " + status);
  }

  private ProbeResult timedOut() {
    return ProbeResult.timeout("timeout after " + timeout.toMillis() + "ms");
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
