package dev.wayfinder.publish;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One place records are pushed to (an RFC 2136 primary, a webhook URL).
 *
 * <p>Implementations keep only the latest desired state per service, retry with backoff themselves
 * and never block the caller: {@link #changed} is called on the publisher's thread, which must stay
 * free for the next change.
 */
public interface PublishTarget {

  /** {@code "rfc2136"} or {@code "webhook"}. */
  String type();

  /** What the target is, without secrets: {@code "127.0.0.1:5399 example.org"}, a URL. */
  String target();

  /** Starts the target with the answer sets at start, by service name. */
  void start(Map<String, List<InetAddress>> current);

  /** One service's answer set changed; called on the publisher's thread. */
  void changed(AnswerSetChange change);

  /** How the target is doing, for {@code GET /api/v1/publish}. */
  TargetStatus status();

  /** Stops retrying and releases resources, waiting at most {@code timeout}. */
  void stop(Duration timeout);
}
