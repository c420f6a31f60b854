package dev.wayfinder.health;

import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.HealthSpec.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP clients shared by every http/https probe: one per distinct TLS trust (none, the system
 * store, a CA file, insecure), not one per service. A client pools connections by server address,
 * so endpoints of different services on the same server share keep-alive connections.
 *
 * <p>The clients live as long as the process (their event loop is a daemon thread); a service that
 * goes away leaves its client to the others.
 */
final class HttpClients {
  private record Key(boolean tls, Path caFile, long caModified, boolean insecure) {}

  private static final Map<Key, NettyHttpClient> CLIENTS = new ConcurrentHashMap<>();

  private HttpClients() {}

  static NettyHttpClient forConfig(HealthSpec config) throws GeneralSecurityException, IOException {
    boolean tls = config.type() == HealthSpec.Type.HTTPS;
    TlsConfig t = tls ? config.tls() : null;
    Path ca = t == null ? null : t.caFile();
    // The CA file's modification time is in the key so an edited bundle is read again on reload.
    long modified = ca == null ? 0 : Files.getLastModifiedTime(ca).toMillis();
    Key key = new Key(tls, ca, modified, t != null && t.insecure());
    NettyHttpClient known = CLIENTS.get(key);
    if (known != null) {
      return known;
    }
    NettyHttpClient built = new NettyHttpClient(tls ? TlsContexts.forConfig(t) : null);
    NettyHttpClient raced = CLIENTS.putIfAbsent(key, built);
    return raced == null ? built : raced;
  }
}
