package dev.wayfinder.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** The {@code tcp} probe: a TCP connect to {@code HOST:PORT}, closed at once. */
final class TcpProbe implements Probe {
  private final String target;
  private final Duration timeout;

  TcpProbe(String target, Duration timeout) {
    this.target = target;
    this.timeout = timeout;
  }

  @Override
  public ProbeResult check(InetAddress endpoint) throws InterruptedException {
    InetSocketAddress to = Targets.socketAddress(target, endpoint);
    try (Socket socket = new Socket()) {
      socket.connect(to, Math.toIntExact(Math.max(1, timeout.toMillis())));
      return ProbeResult.pass("connected");
    } catch (SocketTimeoutException e) {
      return ProbeResult.timeout("connect timeout");
    } catch (ConnectException e) {
      return ProbeResult.fail("connection refused");
    } catch (IOException e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("tcp probe interrupted");
      }
      return ProbeResult.fail("connect: " + e.getMessage());
    }
  }
}
