package dev.wayfinder.config;

import dev.wayfinder.registry.IpLiteral;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code nameserver} lines of a resolv.conf file (resolv.conf(5)), the expansion of the
 * upstream word {@code "resolv.conf"}. Entries that are not IP literals (for example with a {@code
 * %scope}) are skipped: they cannot be reached without an interface.
 */
final class ResolvConf {
  static final int DNS_PORT = 53;

  private ResolvConf() {}

  /**
   * The nameservers, port 53, in file order.
   *
   * @throws IOException when the file cannot be read
   */
  static List<InetSocketAddress> nameservers(Path file) throws IOException {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] words = line.trim().split("\\s+");
      if (words.length >= 2 && words[0].equals("nameserver")) {
        var address = IpLiteral.toAddress(words[1]);
        if (address != null) {
          out.add(new InetSocketAddress(address, DNS_PORT));
        }
      }
    }
    return out;
  }

  /** The nameservers, or none when the file cannot be read (for the built-in default). */
  static List<InetSocketAddress> nameserversOrNone(Path file) {
    try {
      return nameservers(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
