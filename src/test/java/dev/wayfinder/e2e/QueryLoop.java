package dev.wayfinder.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Asks one server one A question over UDP, again and again on a thread of its own, until closed:
 * counts the NOERROR answers, and as failures every other rcode, every reply with another ID and
 * every timeout (one second). What "queries sent all along get no error and no timeout" measures.
 */
final class QueryLoop implements AutoCloseable {
  private final InetSocketAddress server;
  private final byte[] question;
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final Thread thread;
  private volatile boolean closed;

  private QueryLoop(InetSocketAddress server, String name) throws IOException {
    this.server = server;
    this.question =
        Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)).toWire();
    this.thread = Thread.ofPlatform().name("query-loop").daemon().start(this::run);
  }

  static QueryLoop start(InetSocketAddress server, String name) throws IOException {
    return new QueryLoop(server, name);
  }

  int answered() {
    return answered.get();
  }

  int failures() {
    return failures.get();
  }

  private void run() {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(server);
      socket.setSoTimeout(1000);
      DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
      while (!closed) {
        socket.send(new DatagramPacket(question, question.length));
        try {
          socket.receive(reply);
        } catch (SocketTimeoutException e) {
          failures.incrementAndGet();
          continue;
        }
        byte[] r = reply.getData();
        boolean sameId = r[0] == question[0] && r[1] == question[1];
        if (sameId && reply.getLength() > 12 && (r[3] & 0xf) == Rcode.NOERROR) {
          answered.incrementAndGet();
        } else {
          failures.incrementAndGet();
        }
      }
    } catch (IOException e) {
      if (!closed) {
        failures.incrementAndGet();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.join(5000);
  }
}
