package dev.wayfinder.e2e;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Raw UDP/TCP access to a DNS server for packets no real client would send. dnsjava only builds and
 * parses the bytes; the sockets are plain JDK ones.
 */
final class RawDns {
  /** How long to wait for a reply that may rightly never come (a dropped packet). */
  private static final int REPLY_WAIT_MS = 700;

  private final InetSocketAddress server;

  RawDns(InetSocketAddress server) {
    this.server = server;
  }

  /** A well-formed query for {@code name} (absolute) and {@code type}. */
  static Message query(String name, int type) {
    try {
      return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    } catch (TextParseException e) {
      throw new IllegalArgumentException(name, e);
    }
  }

  static Message queryA(String name) {
    return query(name, Type.A);
  }

  /** Sends one datagram and returns the reply's bytes, or empty when none came in time. */
  Optional<byte[]> udp(byte[] packet) {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(REPLY_WAIT_MS);
      s.send(new DatagramPacket(packet, packet.length, server));
      byte[] buf = new byte[65535];
      DatagramPacket reply = new DatagramPacket(buf, buf.length);
      s.receive(reply);
      return Optional.of(java.util.Arrays.copyOf(buf, reply.getLength()));
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends datagrams without waiting for any reply. */
  void udpFireAndForget(Iterable<byte[]> packets) {
    try (DatagramSocket s = new DatagramSocket()) {
      for (byte[] p : packets) {
        s.send(new DatagramPacket(p, p.length, server));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a TCP connection to the server (the caller closes it). */
  Socket tcp() throws IOException {
    Socket s = new Socket();
    s.connect(server, 2000);
    s.setSoTimeout(5000);
    return s;
  }

  /** Reads one length-prefixed message from a TCP stream (RFC 1035 §4.2.2). */
  static Message readTcp(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    int length = in.readUnsignedShort();
    byte[] body = new byte[length];
    in.readFully(body);
    return new Message(body);
  }

  /** {@code message} with its 2-byte TCP length prefix. */
  static byte[] framed(byte[] message) {
    byte[] out = new byte[message.length + 2];
    out[0] = (byte) (message.length >>> 8);
    out[1] = (byte) message.length;
    System.arraycopy(message, 0, out, 2, message.length);
    return out;
  }
}
