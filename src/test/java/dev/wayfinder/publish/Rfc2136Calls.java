package dev.wayfinder.publish;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.TSIG;

/**
 * {@link Rfc2136Client}'s two exchanges for tests outside this package (the fuzz tests): each gives
 * {@code "ok"} or the {@link Rfc2136Failure}'s result word, and lets any other exception out.
 */
public final class Rfc2136Calls {
  /** The zone the calls are for. */
  public static final String ZONE = "example.test.";

  /** The name the update adds an address to and the read asks about. */
  public static final String NAME = "web.example.test.";

  private Rfc2136Calls() {}

  /** One update adding 192.0.2.1 and deleting 192.0.2.2 at {@link #NAME}, to {@code server}. */
  public static String update(InetSocketAddress server, TSIG key, Duration timeout)
      throws Exception {
    Rfc2136Client client = new Rfc2136Client(server, ZONE, key, timeout);
    List<InetAddress> add = List.of(InetAddress.getByName("192.0.2.1"));
    List<InetAddress> delete = List.of(InetAddress.getByName("192.0.2.2"));
    try {
      client.update(List.of(new Rfc2136Client.NameChange(NAME, 30, add, delete)));
      return "ok";
    } catch (Rfc2136Failure e) {
      return e.result();
    }
  }

  /** Reads the addresses of {@link #NAME} back from {@code server} (an A and an AAAA query). */
  public static String read(InetSocketAddress server, TSIG key, Duration timeout) throws Exception {
    Rfc2136Client client = new Rfc2136Client(server, ZONE, key, timeout);
    try {
      Set<InetAddress> addresses = client.read(NAME);
      return "ok " + addresses;
    } catch (Rfc2136Failure e) {
      return e.result();
    }
  }
}
