package dev.wayfinder.publish;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One place records are pushed to. Implementations keep only the latest desired state per service,
 * retry with backoff themselves, never block the caller.
 */
public interface PublishTarget {
  String type();

  String target();

  void start(Map<String, List<InetAddress>> current);

  void changed(AnswerSetChange change);

  TargetStatus status();

  void stop(Duration timeout);
}
