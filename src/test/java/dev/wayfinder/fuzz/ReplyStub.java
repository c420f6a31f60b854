package dev.wayfinder.fuzz;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS server over TCP on loopback that answers the queries after {@link #replyWith} with the
 * replies given there, in turn (the last one again when they run out), each with its first two
 * bytes replaced by the query's ID (so the client takes it as the response and does not wait for
 * another), padded to two bytes when shorter. One connection at a time, any number of queries on
 * it.
 */
final class ReplyStub implements AutoCloseable {
  private final ServerSocket server;
  private final Thread acceptor;
  private volatile List<byte[]> replies = List.of(new byte[2]);
  private final AtomicInteger next = new AtomicInteger();

  ReplyStub() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofPlatform().name("fuzz-reply-stub").daemon().start(this::serve);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /**
   * What the following queries are answered with: {@code stream} as a TCP stream of replies, each
   * after its 2-byte length (a last one cut short is taken as it is).
   */
  void replyWith(byte[] stream) {
    List<byte[]> out = new ArrayList<>();
    for (int at = 0; at < stream.length; ) {
      int length = at + 2 <= stream.length ? (stream[at] & 0xff) << 8 | (stream[at + 1] & 0xff) : 0;
      int end = Math.min(stream.length, at + 2 + length);
      byte[] reply = Arrays.copyOfRange(stream, Math.min(at + 2, end), end);
      out.add(reply.length >= 2 ? reply : new byte[2]);
      at = end;
    }
    replies = out.isEmpty() ? List.of(new byte[2]) : out;
    next.set(0);
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        answer(s);
      } catch (SocketException e) {
        // closed, by the client or by close()
      } catch (IOException e) {
        // this connection is done; take the next
      }
    }
  }

  private void answer(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    s.setTcpNoDelay(true);
    OutputStream out = s.getOutputStream();
    while (true) {
      int length;
      try {
        length = in.readUnsignedShort();
      } catch (EOFException e) {
        return;
      }
      byte[] query = new byte[length];
      in.readFully(query);
      List<byte[]> all = replies;
      byte[] r = all.get(Math.min(next.getAndIncrement(), all.size() - 1)).clone();
      if (length >= 2) {
        r[0] = query[0];
        r[1] = query[1];
      }
      // One write: a length prefix sent apart waits out Nagle and the peer's delayed ACK.
      byte[] framed = new byte[2 + r.length];
      framed[0] = (byte) (r.length >> 8);
      framed[1] = (byte) r.length;
      System.arraycopy(r, 0, framed, 2, r.length);
      out.write(framed);
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
