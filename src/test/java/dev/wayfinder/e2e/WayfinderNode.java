package dev.wayfinder.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.cli.Daemon;
import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.testing.DigRunner;
import dev.wayfinder.testing.FreePorts;
import dev.wayfinder.testing.PeerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Wayfinder node of a cluster under test, on its own fixed free loopback ports (DNS and admin,
 * chosen before it starts, so a test reaches it without reading its log) with its config file and
 * {@code data_dir} in a directory of its own. It runs either in this JVM ({@link Daemon#start}) or
 * as a child JVM running {@code serve}, which is what a test needs to SIGKILL it: an in-process
 * daemon cannot die without its goodbyes.
 */
final class WayfinderNode implements AutoCloseable {
  /** A child JVM's start: class loading and JIT of gRPC, Netty and the daemon on a busy machine. */
  private static final Duration CHILD_START = Duration.ofSeconds(60);

  private static final List<String> CHILD_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx256m");

  private final String name;
  private final Path dir;
  private final int dnsPort = FreePorts.udpAndTcp();
  private final int adminPort = FreePorts.udpAndTcp();
  private final boolean child;
  private final AdminClient admin;
  private final DigRunner dig;
  private Daemon daemon;
  private PeerProcess process;

  /**
   * @param child true to run as a child JVM (killable), false in this JVM
   */
  WayfinderNode(String name, Path dir, boolean child) {
    this.name = name;
    this.dir = dir;
    this.child = child;
    this.admin = new AdminClient(new InetSocketAddress(FreePorts.loopback(), adminPort));
    this.dig = new DigRunner(new InetSocketAddress(FreePorts.loopback(), dnsPort));
  }

  String name() {
    return name;
  }

  /** The {@code dns.listen} value this node must be given. */
  String dnsListen() {
    return "127.0.0.1:" + dnsPort;
  }

  /** The {@code admin.listen} value this node must be given. */
  String adminListen() {
    return "127.0.0.1:" + adminPort;
  }

  Path dataDir() {
    return dir.resolve("data");
  }

  /**
   * Writes {@code yaml} as the node's config file and starts it; returns once it runs (an
   * in-process start returns with DNS and admin bound; a child JVM is awaited by {@link #ready()}).
   */
  void start(String yaml) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("wayfinder.yaml");
      Files.writeString(file, yaml);
      if (child) {
        process =
            PeerProcess.start(
                "wayfinder-" + name,
                dir,
                ChildJvm.command(CHILD_JVM_FLAGS, "serve", "--config", file.toString()));
      } else {
        daemon = Daemon.start(ConfigLoader.load(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + name, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start node " + name, e);
    }
  }

  /** Waits until the node's {@code /readyz} answers 200 (ready or degraded). */
  void awaitStarted() {
    if (process != null) {
      process.awaitReady(CHILD_START, this::ready);
    }
  }

  /** True when {@code /readyz} answers 200. */
  boolean ready() {
    try {
      return admin.get("/readyz").statusCode() == 200;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  AdminClient admin() {
    return admin;
  }

  DigRunner dig() {
    return dig;
  }

  /** The A records this node answers for {@code relative} in the test zone (empty: none). */
  Set<String> answers(String relative) {
    return new TreeSet<>(dig.dig(E2eConfig.fqdn(relative), "A").answers("A"));
  }

  /** {@code GET /api/v1/cluster}. */
  JsonNode cluster() {
    return json(admin.get("/api/v1/cluster"));
  }

  /** {@code GET /api/v1/services/NAME}, or null when it is not 200. */
  JsonNode service(String service) {
    HttpResponse<String> r = admin.get("/api/v1/services/" + service);
    return r.statusCode() == 200 ? AdminClient.json(r) : null;
  }

  /** One endpoint's {@code votes} ({@code {"n1":"pass",...}}) as this node reports them. */
  JsonNode votes(String service, String address) {
    JsonNode s = service(service);
    if (s != null) {
      for (JsonNode e : s.get("endpoints")) {
        if (e.get("address").asText().equals(address)) {
          return e.get("votes");
        }
      }
    }
    return AdminClient.JSON.createObjectNode();
  }

  /** The scraped {@code /metrics}. */
  ScrapedMetrics metrics() {
    return ScrapedMetrics.parse(admin.get("/metrics").body());
  }

  /** SIGKILL: the node dies without revoking its lease or saying goodbye. Child JVMs only. */
  void kill() {
    if (process == null) {
      throw new IllegalStateException(name + " runs in this JVM: it cannot be killed");
    }
    try {
      if (!process.kill(Duration.ofSeconds(10))) {
        throw new IllegalStateException(name + " still runs after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether the node runs (an in-process node runs until closed). */
  boolean running() {
    return process != null ? process.isAlive() : daemon != null;
  }

  /** The child's output so far, for failure messages; empty in this JVM. */
  String log() {
    return process != null ? process.log() : "";
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
      process = null;
    }
    if (daemon != null) {
      daemon.stop(Duration.ofSeconds(5));
      daemon = null;
    }
  }

  private static JsonNode json(HttpResponse<String> r) {
    return AdminClient.json(r);
  }
}
