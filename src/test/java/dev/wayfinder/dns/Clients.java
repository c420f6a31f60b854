package dev.wayfinder.dns;

import dev.wayfinder.testing.ProcessRun;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/** Real clients for socket tests: dnsjava's resolver, raw TCP, and dig/kdig processes. */
final class Clients {
  private Clients() {}

  static Message send(InetSocketAddress server, Message query, boolean tcp) throws IOException {
    SimpleResolver r = new SimpleResolver(server);
    r.setTCP(tcp);
    r.setTimeout(Duration.ofSeconds(3));
    return r.send(query);
  }

  static Socket connect(InetSocketAddress server) throws IOException {
    Socket s = new Socket();
    s.connect(server, 3000);
    s.setSoTimeout(5000);
    return s;
  }

  static void writeFrame(Socket s, byte[] msg) throws IOException {
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    out.writeShort(msg.length);
    out.write(msg);
    out.flush();
  }

  static byte[] readFrame(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] msg = new byte[in.readUnsignedShort()];
    in.readFully(msg);
    return msg;
  }

  /**
   * Runs {@code tool} (dig or kdig) against {@code server} with {@code args} and returns its
   * non-blank output lines, trimmed; fails when it does not exit 0.
   */
  static List<String> ask(String tool, InetSocketAddress server, String... args) {
    List<String> command =
        new ArrayList<>(List.of(tool, "@" + server.getAddress().getHostAddress()));
    command.addAll(List.of("-p", String.valueOf(server.getPort())));
    command.addAll(List.of(args));
    ProcessRun run = ProcessRun.of(Duration.ofSeconds(20), command);
    return lines(command, run.exitCode(), run.stdout() + run.stderr());
  }

  private static List<String> lines(List<String> command, int exit, String out) {
    if (exit != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + exit + ":\n" + out);
    }
    List<String> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.trim());
      }
    }
    return lines;
  }
}
