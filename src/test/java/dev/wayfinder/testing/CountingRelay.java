package dev.wayfinder.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP and TCP relay in front of a real DNS server that counts the queries passing through. It
 * exists because knot keeps no per-query counter reachable without its control socket and
 * statistics module; relaying the real packets lets a test see exactly what the forwarder sent.
 * {@link #setSilent(boolean)} makes it swallow queries, to play an upstream that stopped answering.
 */
public final class CountingRelay implements AutoCloseable {
  private final InetSocketAddress target;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final AtomicInteger udpQueries = new AtomicInteger();
  private final AtomicInteger tcpQueries = new AtomicInteger();
  private final List<byte[]> queries = new CopyOnWriteArrayList<>();
  private final List<Integer> udpSourcePorts = new CopyOnWriteArrayList<>();
  private volatile boolean silent;

  private CountingRelay(InetSocketAddress target, DatagramSocket udp, ServerSocket tcp) {
    this.target = target;
    this.udp = udp;
    this.tcp = tcp;
  }

  /** Binds UDP and TCP on one free loopback port and starts relaying to {@code target}. */
  public static CountingRelay start(InetSocketAddress target) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; ; attempt++) {
      ServerSocket tcp = new ServerSocket(0, 50, loopback);
      try {
        DatagramSocket udp =
            new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()));
        CountingRelay relay = new CountingRelay(target, udp, tcp);
        Thread.ofVirtual().start(relay::udpLoop);
        Thread.ofVirtual().start(relay::tcpLoop);
        return relay;
      } catch (BindException e) {
        tcp.close();
        if (attempt == 10) {
          throw e;
        }
      }
    }
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(tcp.getInetAddress(), tcp.getLocalPort());
  }

  public int udpQueries() {
    return udpQueries.get();
  }

  public int tcpQueries() {
    return tcpQueries.get();
  }

  public int totalQueries() {
    return udpQueries() + tcpQueries();
  }

  /** Every query received, in arrival order. */
  public List<byte[]> queries() {
    return List.copyOf(queries);
  }

  /** The source port of every UDP query received, in arrival order. */
  public List<Integer> udpSourcePorts() {
    return List.copyOf(udpSourcePorts);
  }

  public void setSilent(boolean silent) {
    this.silent = silent;
  }

  private void udpLoop() {
    byte[] buffer = new byte[65535];
    while (!udp.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        return; // closed
      }
      byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
      udpSourcePorts.add(packet.getPort());
      udpQueries.incrementAndGet();
      queries.add(query);
      if (!silent) {
        SocketAddress client = packet.getSocketAddress();
        Thread.ofVirtual().start(() -> relayUdp(query, client));
      }
    }
  }

  private void relayUdp(byte[] query, SocketAddress client) {
    try (DatagramSocket upstream = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      upstream.setSoTimeout(5000);
      upstream.send(new DatagramPacket(query, query.length, target));
      byte[] buffer = new byte[65535];
      DatagramPacket response = new DatagramPacket(buffer, buffer.length);
      upstream.receive(response);
      udp.send(new DatagramPacket(buffer, response.getLength(), client));
    } catch (IOException e) {
      // The client sees a timeout, as it would from a real lost packet.
    }
  }

  private void tcpLoop() {
    while (!tcp.isClosed()) {
      try {
        Socket client = tcp.accept();
        Thread.ofVirtual().start(() -> relayTcp(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** RFC 1035 4.2.2 framing: two-byte length, then the message; several per connection. */
  private void relayTcp(Socket client) {
    try (client;
        Socket upstream = new Socket(target.getAddress(), target.getPort())) {
      DataInputStream fromClient = new DataInputStream(client.getInputStream());
      DataOutputStream toClient = new DataOutputStream(client.getOutputStream());
      DataInputStream fromUpstream = new DataInputStream(upstream.getInputStream());
      DataOutputStream toUpstream = new DataOutputStream(upstream.getOutputStream());
      while (true) {
        byte[] query = new byte[fromClient.readUnsignedShort()];
        fromClient.readFully(query);
        tcpQueries.incrementAndGet();
        queries.add(query);
        if (silent) {
          continue;
        }
        toUpstream.writeShort(query.length);
        toUpstream.write(query);
        toUpstream.flush();
        byte[] response = new byte[fromUpstream.readUnsignedShort()];
        fromUpstream.readFully(response);
        toClient.writeShort(response.length);
        toClient.write(response);
        toClient.flush();
      }
    } catch (IOException e) {
      // Connection closed by either side.
    }
  }

  @Override
  public void close() throws IOException {
    udp.close();
    tcp.close();
  }
}
