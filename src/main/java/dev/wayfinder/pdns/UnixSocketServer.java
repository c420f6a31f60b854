package dev.wayfinder.pdns;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote backend on a unix socket ({@code data_dir/pdns.sock}), for PowerDNS's {@code
 * remote-connection-string=unix:path=...}: each connection sends calls as JSON objects and gets one
 * answer line per call, in order. A thread per connection (PowerDNS opens one per backend thread).
 *
 * <p>The socket file is removed and made again at {@link #start} (a stale one from a killed daemon
 * would refuse the bind), readable and writable by owner and group only (0660), and deleted at
 * {@link #stop}.
 */
public final class UnixSocketServer implements AutoCloseable {
  /** How long the acceptor waits after a failed accept before it tries again. */
  private static final Duration ACCEPT_RETRY = Duration.ofMillis(100);

  private static final Logger log = LoggerFactory.getLogger(UnixSocketServer.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The socket's name in {@code data_dir}. */
  public static final String FILE_NAME = "pdns.sock";

  private final RemoteBackend backend;
  private final Path path;
  private final ServerSocketChannel server;
  private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private UnixSocketServer(RemoteBackend backend, Path path, ServerSocketChannel server) {
    this.backend = backend;
    this.path = path;
    this.server = server;
    this.acceptor =
        Thread.ofPlatform().name("wayfinder-pdns-accept").daemon().unstarted(this::accept);
  }

  /**
   * Binds {@code path} (replacing a file there) and serves.
   *
   * @throws IOException when the socket cannot be made
   */
  public static UnixSocketServer start(RemoteBackend backend, Path path) throws IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    Files.deleteIfExists(path);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(path));
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
    } catch (IOException | UnsupportedOperationException e) {
      server.close();
      Files.deleteIfExists(path);
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    UnixSocketServer s = new UnixSocketServer(backend, path, server);
    s.acceptor.start();
    log.info("PowerDNS remote backend on unix socket {}", path);
    return s;
  }

  /**
   * Serves on {@code dataDir/pdns.sock}, or logs why it cannot and returns null: the socket is an
   * integration, and a daemon that cannot make it (a path past the 107 bytes a socket address
   * holds, a file system without sockets) still serves DNS.
   */
  public static UnixSocketServer startOrWarn(RemoteBackend backend, Path dataDir) {
    Path path = dataDir.resolve(FILE_NAME);
    try {
      return start(backend, path);
    } catch (IOException | RuntimeException e) {
      log.warn("no PowerDNS remote-backend socket at {}: {}", path, e.toString());
      return null;
    }
  }

  public Path path() {
    return path;
  }

  private void accept() {
    int n = 0;
    while (server.isOpen()) {
      try {
        SocketChannel c = server.accept();
        connections.add(c);
        if (!server.isOpen()) {
          // stop() closed the server after this accept and may have walked the set before it.
          c.close();
          return;
        }
        Thread.ofPlatform().name("wayfinder-pdns-" + n++).daemon().start(() -> serve(c));
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // A lasting failure (out of file descriptors) must not spin: back off a little.
        log.warn("PowerDNS socket {}: accept failed: {}", path, e.toString());
        LockSupport.parkNanos(ACCEPT_RETRY.toNanos());
      }
    }
  }

  /** Answers the calls of one connection until PowerDNS closes it or the server stops. */
  private void serve(SocketChannel c) {
    try (c;
        InputStream in = Channels.newInputStream(c);
        OutputStream out = Channels.newOutputStream(c);
        JsonParser calls = MAPPER.createParser(in)) {
      while (calls.nextToken() == JsonToken.START_OBJECT) {
        JsonNode call = MAPPER.readTree(calls);
        out.write((backend.handle(call) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      if (server.isOpen()) {
        log.debug("PowerDNS connection on {} ended: {}", path, e.toString());
      }
    } finally {
      connections.remove(c);
    }
  }

  /** Stops accepting, closes every connection, waits for the acceptor and deletes the file. */
  public void stop(Duration timeout) {
    try {
      server.close();
    } catch (IOException e) {
      log.debug("closing {}: {}", path, e.toString());
    }
    for (SocketChannel c : connections) {
      try {
        c.close();
      } catch (IOException e) {
        log.debug("closing a connection on {}: {}", path, e.toString());
      }
    }
    try {
      acceptor.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", path, e.toString());
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(1));
  }
}
