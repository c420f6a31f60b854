package dev.wayfinder.testing;

import dev.wayfinder.dns.QuietPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds loopback ports that are free for both UDP and TCP, by binding both and releasing them. A
 * DNS listener needs the same number on both transports, so a port free for only one is no use.
 * Ports come from below the ephemeral range, as the daemon's own port 0 does ({@link QuietPorts}):
 * dig's source socket shares a port with a server's SO_REUSEPORT sockets and then reads its own
 * query back. Another process may still take the port before the caller binds it; the window is
 * small.
 */
public final class FreePorts {
  private static final int ATTEMPTS = 50;

  private FreePorts() {}

  /** A port on 127.0.0.1 on which both a UDP socket and a TCP listener could be bound just now. */
  public static int udpAndTcp() {
    int quiet = QuietPorts.free(loopback());
    if (quiet != 0) {
      return quiet;
    }
    for (int i = 0; i < ATTEMPTS; i++) {
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.setReuseAddress(false);
        tcp.bind(new InetSocketAddress(loopback(), 0));
        int port = tcp.getLocalPort();
        if (udpFree(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind a TCP port on 127.0.0.1", e);
      }
    }
    throw new IllegalStateException(
        "no port free for both UDP and TCP after " + ATTEMPTS + " tries");
  }

  /** True when nothing is bound to {@code port} on 127.0.0.1, for UDP nor for TCP. */
  public static boolean isFree(int port) {
    return QuietPorts.isFree(loopback(), port);
  }

  /** 127.0.0.1, where every test server listens. */
  public static InetAddress loopback() {
    return InetAddress.getLoopbackAddress();
  }

  private static boolean udpFree(int port) {
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback(), port))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
