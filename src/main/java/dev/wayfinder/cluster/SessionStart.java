package dev.wayfinder.cluster;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The blocking steps of one connect attempt (lease, membership, snapshot), each bounded by the call
 * timeout: jetcd's futures may otherwise never complete while etcd is away.
 */
final class SessionStart {
  private final Client client;
  private final EtcdKeys keys;
  private final Duration call;

  /** Every key under the prefix (relative names, in key order) at {@code revision}. */
  record Snapshot(Map<String, String> keys, long revision) {}

  SessionStart(Client client, EtcdKeys keys, Duration call) {
    this.client = client;
    this.keys = keys;
    this.call = call;
  }

  /**
   * The previous lease when etcd still has it (its keys are still there), else a new one of {@code
   * ttl}, rounded up to whole seconds as etcd counts.
   */
  long lease(long previous, Duration ttl) throws Exception {
    if (previous != 0) {
      try {
        await(client.getLeaseClient().keepAliveOnce(previous));
        return previous;
      } catch (ExecutionException e) {
        if (!leaseGone(e)) {
          throw e;
        }
      }
    }
    long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
    return await(client.getLeaseClient().grant(seconds)).getID();
  }

  void putMember(io.etcd.jetcd.ByteSequence key, String value, long lease) throws Exception {
    PutOption leased = PutOption.builder().withLeaseId(lease).build();
    await(client.getKVClient().put(key, EtcdKeys.bytes(value), leased));
  }

  Snapshot snapshot() throws Exception {
    GetOption all = GetOption.builder().isPrefix(true).build();
    GetResponse response = await(client.getKVClient().get(keys.root(), all));
    Map<String, String> view = new LinkedHashMap<>();
    for (KeyValue kv : response.getKvs()) {
      String key = keys.relative(kv.getKey());
      if (key != null) {
        view.put(key, EtcdKeys.text(kv.getValue()));
      }
    }
    return new Snapshot(Map.copyOf(view), response.getHeader().getRevision());
  }

  /** Revokes {@code lease} so its keys go now; an unreachable etcd lets them lapse instead. */
  static void revokeQuietly(Client client, long lease, Duration timeout) {
    try {
      client.getLeaseClient().revoke(lease).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // the lease lapses by itself within its TTL
    }
  }

  /** True when etcd says the lease no longer exists (it lapsed or was revoked). */
  static boolean leaseGone(Throwable failure) {
    Throwable t = unwrap(failure);
    return t instanceof EtcdException e
        && (e.getErrorCode() == ErrorCode.NOT_FOUND
            || String.valueOf(e.getMessage()).contains("requested lease not found"));
  }

  /** A short reason for a failed call, for the log and for listeners. */
  static String reason(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof TimeoutException) {
      return "no answer in time";
    }
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }

  private <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(call.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      future.cancel(false);
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
