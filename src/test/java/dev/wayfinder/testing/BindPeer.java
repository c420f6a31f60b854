package dev.wayfinder.testing;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A real BIND ({@code named -g}) on a loopback port, as a secondary that loads one zone from a
 * primary (Wayfinder) by zone transfer and takes NOTIFY from it, as a real deployment would. It
 * runs in the foreground with its config, zone file and keys in its own directory.
 */
public final class BindPeer implements AutoCloseable {
  private final PeerProcess process;
  private final InetSocketAddress address;

  private BindPeer(PeerProcess process, InetSocketAddress address) {
    this.process = process;
    this.address = address;
  }

  /**
   * BIND as secondary for {@code zone} from {@code primary}, listening on {@code port} (0 = a free
   * one); returns once it answers at all, the transfer may still be under way.
   */
  public static BindPeer secondary(Path dir, String zone, InetSocketAddress primary, int port) {
    int p = port == 0 ? FreePorts.udpAndTcp() : port;
    String origin = KnotPeer.absolute(zone);
    String config =
        "options {\n"
            + "  directory \""
            + dir
            + "\";\n"
            + "  pid-file \""
            + dir.resolve("named.pid")
            + "\";\n"
            + "  session-keyfile \""
            + dir.resolve("session.key")
            + "\";\n"
            + "  managed-keys-directory \""
            + dir
            + "\";\n"
            + "  listen-on port "
            + p
            + " { 127.0.0.1; };\n"
            + "  listen-on-v6 { none; };\n"
            + "  recursion no;\n  dnssec-validation no;\n  notify no;\n"
            + "  allow-query { any; };\n"
            + "};\n"
            + "controls { };\n"
            + "logging { category default { default_stderr; }; category xfer-in {"
            + " default_stderr; }; category notify { default_stderr; }; };\n"
            + "zone \""
            + origin
            + "\" {\n  type secondary;\n  primaries { "
            + primary.getAddress().getHostAddress()
            + " port "
            + primary.getPort()
            + "; };\n  file \""
            + dir.resolve(origin + "db")
            + "\";\n  request-ixfr yes;\n};\n";
    Path conf = dir.resolve("named.conf");
    PeerProcess.write(conf, config);
    PeerProcess process =
        PeerProcess.start(
            "named", dir, List.of("named", "-g", "-c", conf.toString(), "-p", String.valueOf(p)));
    BindPeer peer = new BindPeer(process, new InetSocketAddress(FreePorts.loopback(), p));
    process.awaitReady(() -> DnsProbe.answersAtAll(peer.address, zone));
    return peer;
  }

  public InetSocketAddress address() {
    return address;
  }

  /** named's log so far, for failure messages. */
  public String log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }
}
