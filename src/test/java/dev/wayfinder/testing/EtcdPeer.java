package dev.wayfinder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real etcd ({@code /usr/bin/etcd}) as one member or a cluster of several, each member on its own
 * free loopback client and peer ports with its own data directory. A member can be stopped, killed
 * and started again on the same ports and data, as an operator restarting a node would, so tests
 * can take etcd away from a client and give it back.
 *
 * <p>Data directories live on {@code /dev/shm} when it exists: fsync there costs nothing, so a
 * loaded machine does not make a member miss heartbeats and hold an election in the middle of a
 * test. Timings are short (100 ms heartbeat, 1 s election timeout) so a cluster that lost its
 * leader elects another within a couple of seconds.
 */
public final class EtcdPeer implements AutoCloseable {
  private static final Duration STOP = Duration.ofSeconds(10);
  private static final Duration HEALTH_CALL = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final List<Member> members;
  private final PeerProcess[] processes;
  private final String token = "wayfinder-test-" + UUID.randomUUID();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(HEALTH_CALL).build();

  /** One member's fixed identity: what a restart must reuse. */
  private record Member(String name, int clientPort, int peerPort, Path dataDir) {
    String clientUrl() {
      return "http://127.0.0.1:" + clientPort;
    }

    String peerUrl() {
      return "http://127.0.0.1:" + peerPort;
    }
  }

  private EtcdPeer(Path root, List<Member> members) {
    this.root = root;
    this.members = members;
    this.processes = new PeerProcess[members.size()];
  }

  /** One member; returns once it is healthy. */
  public static EtcdPeer single() {
    return cluster(1);
  }

  /** {@code size} members forming one cluster; returns once every member is healthy. */
  public static EtcdPeer cluster(int size) {
    Path root = createRoot();
    Set<Integer> ports = new HashSet<>();
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String name = "m" + i;
      members.add(new Member(name, freshPort(ports), freshPort(ports), root.resolve(name)));
    }
    EtcdPeer peer = new EtcdPeer(root, List.copyOf(members));
    try {
      peer.startAll();
    } catch (RuntimeException | AssertionError e) {
      peer.close();
      throw e;
    }
    return peer;
  }

  /** Every member's client URL ({@code http://127.0.0.1:PORT}), in member order. */
  public List<String> clientUrls() {
    return members.stream().map(Member::clientUrl).toList();
  }

  /** Number of members. */
  public int size() {
    return members.size();
  }

  /**
   * Starts member {@code i} again on its ports and data directory; returns once it is healthy. In a
   * cluster a member is healthy only while a quorum runs, so start the others first (or use {@link
   * #startAll()}).
   */
  public synchronized void start(int i) {
    launch(i);
    awaitHealthy(i);
  }

  /** Starts every member that is not running, then waits until each is healthy. */
  public synchronized void startAll() {
    for (int i = 0; i < members.size(); i++) {
      if (!running(i)) {
        launch(i);
      }
    }
    for (int i = 0; i < members.size(); i++) {
      awaitHealthy(i);
    }
  }

  /** SIGTERM to member {@code i}; returns once it has exited. */
  public synchronized void stop(int i) {
    end(i, false);
  }

  /** SIGKILL to member {@code i}: no goodbye to its peers or clients. */
  public synchronized void kill(int i) {
    end(i, true);
  }

  /** Stops every running member. */
  public synchronized void stopAll() {
    for (int i = 0; i < members.size(); i++) {
      end(i, false);
    }
  }

  /** Whether member {@code i} runs. */
  public synchronized boolean running(int i) {
    return processes[i] != null && processes[i].isAlive();
  }

  /** True when member {@code i} answers its {@code /health} endpoint with {@code true}. */
  public boolean healthy(int i) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(members.get(i).clientUrl() + "/health"))
            .timeout(HEALTH_CALL)
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"health\":\"true\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The index of the member that leads the etcd cluster now, as the running members report it
   * (etcd's maintenance status through its HTTP gateway), or -1 when none names a running leader.
   */
  public int leader() {
    for (int i = 0; i < members.size(); i++) {
      if (!running(i)) {
        continue;
      }
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(members.get(i).clientUrl() + "/v3/maintenance/status"))
              .timeout(HEALTH_CALL)
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build();
      try {
        JsonNode status =
            JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        if (status
            .path("leader")
            .asText()
            .equals(status.path("header").path("member_id").asText())) {
          return i;
        }
      } catch (IOException e) {
        // not answering: not the leader
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    return -1;
  }

  /** Every member's log so far, for failure messages. */
  public synchronized String log() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < members.size(); i++) {
      if (processes[i] != null) {
        out.append("--- ").append(members.get(i).name()).append('\n').append(processes[i].log());
      }
    }
    return out.toString();
  }

  /** Stops every member and deletes every data directory. */
  @Override
  public synchronized void close() {
    for (int i = 0; i < members.size(); i++) {
      if (processes[i] != null) {
        processes[i].close();
        processes[i] = null;
      }
    }
    deleteTree(root);
  }

  private void launch(int i) {
    if (running(i)) {
      throw new IllegalStateException(members.get(i).name() + " already runs");
    }
    Member m = members.get(i);
    String cluster =
        members.stream().map(x -> x.name() + "=" + x.peerUrl()).collect(Collectors.joining(","));
    List<String> command =
        List.of(
            "/usr/bin/etcd",
            "--name=" + m.name(),
            "--data-dir=" + m.dataDir(),
            "--listen-client-urls=" + m.clientUrl(),
            "--advertise-client-urls=" + m.clientUrl(),
            "--listen-peer-urls=" + m.peerUrl(),
            "--initial-advertise-peer-urls=" + m.peerUrl(),
            "--initial-cluster=" + cluster,
            "--initial-cluster-state=new",
            "--initial-cluster-token=" + token,
            "--heartbeat-interval=100",
            "--election-timeout=1000",
            "--logger=zap",
            "--log-level=warn");
    processes[i] = PeerProcess.start("etcd-" + m.name(), root, command);
  }

  private void awaitHealthy(int i) {
    processes[i].awaitReady(() -> healthy(i));
  }

  private void end(int i, boolean kill) {
    PeerProcess p = processes[i];
    if (p == null || !p.isAlive()) {
      return;
    }
    try {
      boolean gone = kill ? p.kill(STOP) : p.terminate(STOP);
      if (!gone) {
        p.close();
      }
    } catch (InterruptedException e) {
      p.close();
      Thread.currentThread().interrupt();
    }
  }

  private static int freshPort(Set<Integer> taken) {
    while (true) {
      int port = FreePorts.udpAndTcp();
      if (taken.add(port)) {
        return port;
      }
    }
  }

  private static Path createRoot() {
    try {
      Path shm = Path.of("/dev/shm");
      return Files.isDirectory(shm) && Files.isWritable(shm)
          ? Files.createTempDirectory(shm, "etcd-peer")
          : Files.createTempDirectory("etcd-peer");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
