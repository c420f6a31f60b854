package dev.wayfinder.dns;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for a DNS listener (UDP and TCP on one number) chosen below the kernel's ephemeral
 * range, where no client's own socket ever lands.
 *
 * <p>Why not the kernel's port 0: the server's UDP sockets share their port with SO_REUSEPORT, and
 * a client that sets it too (dig does, as libuv's sockets do) and runs as the same user may be
 * given that very port as its source port. Its query to the server then comes from the server's
 * port to the server's port, and the kernel prefers the client's own connected socket: dig reads
 * its query back unchanged ("query response not set"). A port outside the ephemeral range is never
 * a client's source port.
 */
public final class QuietPorts {
  /** Where the kernel keeps the ephemeral range ("low high"). */
  private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** The lowest port chosen: above the privileged ones. */
  private static final int LOWEST = 1024;

  /** Below this many candidate ports the range is too narrow to choose from (kernel's choice). */
  private static final int MIN_CHOICE = 1000;

  private static final int ATTEMPTS = 100;

  private QuietPorts() {}

  /**
   * A port on {@code address} free for both UDP and TCP just now, below the ephemeral range; 0 when
   * there is no room below it (or no range to read, off Linux), which leaves the choice to the
   * kernel. Another process may still take it before the caller binds it; the window is small.
   */
  public static int free(InetAddress address) {
    int below = ephemeralLow();
    if (below - LOWEST < MIN_CHOICE) {
      return 0;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < ATTEMPTS; i++) {
      int port = random.nextInt(LOWEST, below);
      if (isFree(address, port)) {
        return port;
      }
    }
    return 0;
  }

  /** The first port of the kernel's ephemeral range, or {@link #LOWEST} when it cannot be read. */
  static int ephemeralLow() {
    try {
      // A reader, not Files.readString: that trusts the size /proc reports, which can cut the
      // line short.
      String[] range = Files.readAllLines(RANGE).get(0).trim().split("\\s+");
      return Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException e) {
      return LOWEST;
    }
  }

  /**
   * True when nothing is bound to {@code port} on {@code address}, for UDP nor for TCP. The TCP
   * check binds as the server's listener does (SO_REUSEADDR), so connections of a closed listener
   * left in TIME_WAIT do not count.
   */
  public static boolean isFree(InetAddress address, int port) {
    InetSocketAddress at = new InetSocketAddress(address, port);
    try (DatagramSocket udp = new DatagramSocket(at);
        ServerSocket tcp = new ServerSocket()) {
      tcp.setReuseAddress(true);
      tcp.bind(at);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
