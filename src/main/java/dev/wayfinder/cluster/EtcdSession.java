package dev.wayfinder.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One node's session with etcd: a lease that says the node is alive, a view of every key under the
 * cluster's prefix, and writes. Keys are relative to the prefix ({@code obs/web/10.0.0.1/n1} is
 * stored as {@code /wayfinder/obs/web/10.0.0.1/n1}).
 *
 * <p>The session connects in the background and reconnects by itself, forever, with backoff. Each
 * time it (re)connects it has a lease (the old one if it is still alive, else a new one: keys of a
 * lapsed lease are gone), puts {@code members/<node>} under it, reads every key under the prefix
 * and then follows changes from the revision after that read. Listeners run on one thread, in
 * order: {@link Listener#connected} with the whole view, then {@link Listener#changed} per change,
 * and {@link Listener#disconnected} when the lease can no longer be renewed or the watch fails
 * (noticed within {@code leaseTtl - 1 s}, at least {@code 2 leaseTtl / 3}, at most 10 s).
 */
public interface EtcdSession extends AutoCloseable {

  /** Hears the session; every call comes on one thread of the session's, in order. */
  interface Listener {

    /**
     * Connected (again): {@code keys} is every key under the prefix at {@code revision} (relative
     * names, UTF-8 values). The listener puts back its own leased keys: after a lapse they are
     * gone.
     */
    void connected(Map<String, String> keys, long revision);

    /** A key under the prefix was put ({@code value} non-null) or deleted ({@code null}). */
    void changed(String key, String value, long revision);

    /** The lease cannot be renewed or the watch broke; the session is reconnecting. */
    void disconnected(String reason);
  }

  /** This node's name. */
  String node();

  /** Starts connecting; returns at once. */
  void start();

  /** Adds a listener; add them before {@link #start()}. */
  void addListener(Listener listener);

  /** True between {@link Listener#connected} and {@link Listener#disconnected}. */
  boolean connected();

  /**
   * Puts a key under this node's lease: it disappears when the node stops renewing it. Completes
   * with the write's revision; fails at once (without queueing) while disconnected.
   */
  CompletableFuture<Long> putLeased(String key, String value);

  /**
   * Puts a key that outlives this node (shared registry data); fails at once while disconnected.
   */
  CompletableFuture<Long> put(String key, String value);

  /** Deletes a key; fails at once while disconnected. */
  CompletableFuture<Long> delete(String key);

  /**
   * Creates {@code key} under this node's lease only if it does not exist (etcd's election: the
   * create revision is 0). Completes true when this node now holds it.
   */
  CompletableFuture<Boolean> createLeased(String key, String value);

  /**
   * The lease this node's keys are under now (0 before the first connection). The same after a
   * reconnect means the node's leased keys survived the outage.
   */
  long lease();

  /** Number of writes sent to etcd so far (for the metrics and the benchmark). */
  long writes();

  /** Stops renewing and closes; leased keys lapse (or are revoked when etcd is reachable). */
  @Override
  void close();
}
