package dev.wayfinder.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node publishes: the one holding the leased {@code leader} key, created only where it does
 * not exist (etcd's election: the create revision decides). When the leader dies its lease lapses,
 * the key goes, every node sees the deletion and one of them creates the key again: a new leader
 * within {@code lease_ttl} of the old one's last renewal.
 *
 * <p>A node that loses etcd stops leading at once: it cannot know whether its lease still holds,
 * and two publishers are worse than a few seconds of none (the next leader reconciles what was
 * missed). Calls come on the session's thread.
 */
final class Leadership {
  private static final Logger log = LoggerFactory.getLogger(Leadership.class);

  private static final Duration RETRY = Duration.ofMillis(500);

  private final EtcdSession session;
  private final Consumer<Boolean> onChange;
  private volatile String leader;
  private volatile boolean leading;

  /**
   * @param onChange told {@code true} when this node starts leading and {@code false} when it
   *     stops; runs on the session's thread, so it must hand long work to another
   */
  Leadership(EtcdSession session, Consumer<Boolean> onChange) {
    this.session = session;
    this.onChange = onChange;
  }

  /** The leader's node name, or null when none is known. */
  String leader() {
    return leader;
  }

  boolean leading() {
    return leading;
  }

  void connected(Map<String, String> keys) {
    seen(keys.get(ClusterKeys.LEADER));
  }

  void changed(String key, String value) {
    if (key.equals(ClusterKeys.LEADER)) {
      seen(value);
    }
  }

  void disconnected() {
    leader = null;
    set(false);
  }

  private void seen(String holder) {
    leader = holder;
    if (holder == null) {
      campaign();
    } else {
      set(holder.equals(session.node()));
    }
  }

  private void campaign() {
    set(false);
    session
        .createLeased(ClusterKeys.LEADER, session.node())
        .whenComplete(
            (won, error) -> {
              if (error != null && session.connected()) {
                // Nobody else may have tried (they all saw the same deletion): ask again soon
                // rather than leave the cluster without a publisher until the next change.
                log.debug("campaign for leader failed, trying again: {}", error.toString());
                CompletableFuture.delayedExecutor(RETRY.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(this::campaignIfVacant);
              }
            }); // the watch reports the key, whoever created it
  }

  private void campaignIfVacant() {
    if (leader == null && session.connected()) {
      campaign();
    }
  }

  private synchronized void set(boolean now) {
    if (now != leading) {
      leading = now;
      log.info(now ? "this node is the leader: it publishes" : "this node no longer leads");
      onChange.accept(now);
    }
  }
}
