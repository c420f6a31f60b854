package dev.wayfinder.publish;

import dev.wayfinder.config.PublishConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A webhook (SPEC.md "Webhook"): each change of a service's answer set is POSTed as JSON to the
 * URL, signed when a secret is set. A non-2xx answer or a failed connection is retried with backoff
 * through {@link RetryingDelivery}, so the receiver ends with the latest set (intermediate changes
 * may be merged into one call, whose {@code before} is the set the receiver last got).
 *
 * <p>The secret is never logged nor shown: {@link #target()} is the URL without user info and
 * query.
 */
public final class WebhookTarget implements PublishTarget {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final String secret;
  private final String shown;
  private final HttpClient client;
  private final RetryingDelivery delivery;

  /** Set when every service's set is sent at start: the zone, as the publisher names it. */
  private final String resyncZone;

  /**
   * @param url where to POST
   * @param secret the signing key, or {@code null} to send unsigned
   */
  public WebhookTarget(URI url, String secret, PublishOutcomes outcomes, Backoff backoff) {
    this(url, secret, outcomes, backoff, null);
  }

  /**
   * @param resyncZone when non-null, {@link #start} sends every service's current set ({@code
   *     before} = {@code after}): a cluster's new leader does not know what the receiver last got
   *     from the old one, nor the changes made while no node published
   */
  public WebhookTarget(
      URI url, String secret, PublishOutcomes outcomes, Backoff backoff, String resyncZone) {
    this.resyncZone = resyncZone;
    this.url = url;
    this.secret = secret;
    this.shown = shown(url);
    this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    this.delivery = new RetryingDelivery("webhook", shown, this::send, outcomes, backoff);
  }

  /** The target of a {@code type: webhook} entry. */
  public static WebhookTarget create(
      PublishConfig config, PublishOutcomes outcomes, String resyncZone) {
    return new WebhookTarget(
        URI.create(config.url()), config.secret(), outcomes, Backoff.DEFAULT, resyncZone);
  }

  /** The URL without user info, query and fragment: where secrets may hide. */
  static String shown(URI url) {
    try {
      return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null)
          .toString();
    } catch (URISyntaxException e) {
      return url.getScheme() + "://" + url.getHost();
    }
  }

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public String target() {
    return shown;
  }

  /** Nothing to send at start (a webhook hears changes only), unless it resyncs. */
  @Override
  public void start(Map<String, List<InetAddress>> current) {
    if (resyncZone != null) {
      Instant now = Instant.now();
      current.forEach(
          (service, set) ->
              delivery.offerResync(
                  new AnswerSetChange(now, service, service + "." + resyncZone + ".", set, set)));
    }
  }

  @Override
  public void changed(AnswerSetChange change) {
    delivery.offer(change);
  }

  private CompletableFuture<Void> send(AnswerSetChange change) {
    byte[] body = WebhookBody.of(change);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (secret != null) {
      request.header(WebhookBody.SIGNATURE_HEADER, WebhookBody.signature(secret, body));
    }
    return client
        .sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              if (error != null) {
                throw new CompletionException(failure(error));
              }
              int status = response.statusCode();
              if (status < 200 || status > 299) {
                throw new CompletionException(
                    new PublishFailure("http_" + status, "HTTP " + status + " from " + shown));
              }
              return null;
            });
  }

  private PublishFailure failure(Throwable error) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof HttpTimeoutException) {
      return new PublishFailure("timeout", "no answer from " + shown + " in time");
    }
    if (e instanceof ConnectException) {
      return new PublishFailure("unreachable", "cannot connect to " + shown);
    }
    if (e instanceof IOException) {
      return new PublishFailure("unreachable", shown + ": " + e.getMessage());
    }
    return new PublishFailure("error", shown + ": " + e);
  }

  @Override
  public TargetStatus status() {
    return delivery.status();
  }

  @Override
  public void stop(Duration timeout) {
    delivery.stop(timeout);
    client.shutdownNow();
  }
}
