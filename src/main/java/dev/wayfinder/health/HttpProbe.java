package dev.wayfinder.health;

import dev.wayfinder.config.HealthConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The {@code http} and {@code https} probes: a GET of the target URL whose status must be in {@code
 * expect_status} and whose first 64 KiB must hold {@code expect_body} when set.
 *
 * <p>One JDK {@link HttpClient} per service, so connections to each endpoint are kept alive between
 * probes (at 10,000 endpoints a new TCP and TLS handshake every second would cost more than the
 * probes). TLS: SNI is the target URL's host; after {@code {}} is replaced by an address the host
 * is an IP literal, for which no SNI is sent (RFC 6066 section 3), and the certificate must then
 * name that IP.
 */
final class HttpProbe implements Probe {
  static final int BODY_LIMIT = 64 * 1024;

  private final String target;
  private final Duration timeout;
  private final ExpectedStatus expectStatus;
  private final String expectBody;
  private final ExecutorService callbacks;
  private final HttpClient client;

  HttpProbe(HealthConfig config) throws GeneralSecurityException, IOException {
    this.target = config.target();
    this.timeout = config.timeout();
    this.expectStatus = ExpectedStatus.parse(config.expectStatus());
    this.expectBody = config.expectBody();
    // The client's completion callbacks are tiny; virtual threads keep them off a platform pool.
    this.callbacks = Executors.newVirtualThreadPerTaskExecutor();
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .executor(callbacks);
    if (config.type() == HealthConfig.Type.HTTPS) {
      builder.sslContext(TlsContexts.forConfig(config.tls()));
    }
    this.client = builder.build();
  }

  @Override
  public ProbeResult check(InetAddress endpoint) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(Targets.url(target, endpoint)))
            .timeout(timeout)
            .header("User-Agent", "wayfinder-health")
            .GET()
            .build();
    CompletableFuture<HttpResponse<String>> pending = client.sendAsync(request, bodyHandler());
    try {
      // The client's own timeout stops at the headers; this deadline also covers the body.
      return judge(pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      pending.cancel(true);
      return timedOut();
    } catch (ExecutionException e) {
      return describe(e.getCause());
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    }
  }

  private BodyHandler<String> bodyHandler() {
    // Without expect_body the body is drained and dropped, so the connection can be reused.
    return expectBody == null
        ? info -> HttpResponse.BodySubscribers.replacing("")
        : info -> new BodyPrefix(BODY_LIMIT);
  }

  private ProbeResult judge(HttpResponse<String> response) {
    int status = response.statusCode();
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
    if (error instanceof HttpConnectTimeoutException) {
      return ProbeResult.timeout("connect timeout");
    }
    if (error instanceof HttpTimeoutException) {
      return timedOut(); // the client's own deadline, which fires at about the same time
    }
    if (error instanceof ConnectException) {
      return ProbeResult.fail("connection refused");
    }
    if (error instanceof SSLException) {
      return ProbeResult.fail("TLS: " + error.getMessage());
    }
    return ProbeResult.fail(error.getClass().getSimpleName() + ": " + error.getMessage());
  }

  @Override
  public void close() {
    // shutdown(), not shutdownNow(): a probe in flight ends normally instead of as a failure.
    client.shutdown();
    callbacks.shutdown();
  }
}
