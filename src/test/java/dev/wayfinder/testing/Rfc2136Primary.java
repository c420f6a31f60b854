package dev.wayfinder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * A real authoritative primary for {@code example.org.} that accepts RFC 2136 updates signed with
 * the keys {@code ddns-key} (hmac-sha256), {@code ddns-key-512} and {@code ddns-key-1} (hmac-sha1):
 * Knot ({@code knotd}) or BIND ({@code named}), on a given loopback port with its config, zone and
 * working files in a test directory. Besides the published name {@code www} the zone holds records
 * nobody publishes, to show they stay.
 */
public final class Rfc2136Primary implements AutoCloseable {
  public static final String KEY = "ddns-key";
  public static final String KEY_512 = "ddns-key-512";
  public static final String KEY_1 = "ddns-key-1";
  public static final String SECRET = "d2F5ZmluZGVyLXRlc3Qtc2VjcmV0LTAxMjM0NTY3ODk=";
  public static final String WRONG_SECRET = "bm90LXRoZS1zZWNyZXQtdGhlLXNlcnZlci1rbm93cyE=";
  public static final String ZONE =
      """
      $ORIGIN example.org.
      $TTL 300
      @    SOA ns1.example.org. hostmaster.example.org. 1 3600 600 86400 300
      @    NS  ns1
      ns1  A   192.0.2.53
      mail A   192.0.2.25
      www  TXT "not published"
      www  A   192.0.2.99
      """;

  private final PeerProcess process;
  private final InetSocketAddress address;

  private Rfc2136Primary(PeerProcess process, int port) {
    this.process = process;
    this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * Knot with an ACL allowing updates signed with {@link #KEY}, {@link #KEY_512}, {@link #KEY_1}.
   */
  public static Rfc2136Primary knot(Path dir, int port) {
    write(dir.resolve("example.org.zone"), ZONE);
    String conf =
        "server:\n  rundir: \"%1$s\"\n  pidfile: \"%1$s/knot.pid\"\n  listen: 127.0.0.1@%2$d\n"
                .formatted(dir, port)
            + "  udp-workers: 1\n  tcp-workers: 1\n  background-workers: 1\n"
            + "database:\n  storage: \"%s/db\"\n".formatted(dir)
            + "log:\n  - target: stderr\n    any: info\n"
            + "key:\n"
            + "  - id: %s\n    algorithm: hmac-sha256\n    secret: %s\n".formatted(KEY, SECRET)
            + "  - id: %s\n    algorithm: hmac-sha512\n    secret: %s\n".formatted(KEY_512, SECRET)
            + "  - id: %s\n    algorithm: hmac-sha1\n    secret: %s\n".formatted(KEY_1, SECRET)
            + "acl:\n  - id: ddns\n    key: [%s, %s, %s]\n    action: update\n"
                .formatted(KEY, KEY_512, KEY_1)
            + "template:\n  - id: default\n    storage: \"%s\"\n".formatted(dir)
            + "    zonefile-sync: -1\n    journal-content: none\n"
            + "zone:\n  - domain: example.org.\n    file: \"example.org.zone\"\n    acl: ddns\n";
    Path config = dir.resolve("knot.conf");
    write(config, conf);
    return started(
        PeerProcess.start("knotd", dir, List.of("knotd", "-c", config.toString())), port);
  }

  /** BIND ({@code named -g}) with {@code allow-update} for the same three keys. */
  public static Rfc2136Primary bind(Path dir, int port) {
    write(dir.resolve("example.org.zone"), ZONE);
    String conf =
        """
        options {
          directory "%1$s";
          pid-file "%1$s/named.pid";
          session-keyfile "%1$s/session.key";
          managed-keys-directory "%1$s";
          listen-on port %2$d { 127.0.0.1; };
          listen-on-v6 { none; };
          recursion no;
          dnssec-validation no;
          notify no;
        };
        controls { };
        key "%3$s" { algorithm hmac-sha256; secret "%4$s"; };
        key "%3$s-512" { algorithm hmac-sha512; secret "%4$s"; };
        key "%3$s-1" { algorithm hmac-sha1; secret "%4$s"; };
        zone "example.org" {
          type primary;
          file "%1$s/example.org.zone";
          allow-update { key %3$s; key %3$s-512; key %3$s-1; };
        };
        """
            .formatted(dir, port, KEY, SECRET);
    Path config = dir.resolve("named.conf");
    write(config, conf);
    return started(
        PeerProcess.start(
            "named",
            dir,
            List.of("named", "-g", "-c", config.toString(), "-p", Integer.toString(port))),
        port);
  }

  private static Rfc2136Primary started(PeerProcess process, int port) {
    Rfc2136Primary primary = new Rfc2136Primary(process, port);
    process.awaitReady(primary::answers);
    return primary;
  }

  public InetSocketAddress address() {
    return address;
  }

  public String server() {
    return "127.0.0.1:" + address.getPort();
  }

  /** The A and AAAA addresses of {@code name} as the server answers them, as text. */
  public Set<String> addresses(String name) throws IOException {
    Set<String> out = new TreeSet<>();
    for (Record r : answer(name, Type.A)) {
      out.add(((ARecord) r).getAddress().getHostAddress());
    }
    for (Record r : answer(name, Type.AAAA)) {
      out.add(((AAAARecord) r).getAddress().getHostAddress());
    }
    return out;
  }

  /** The zone's SOA serial as the server answers it: each applied update raises it by one. */
  public long serial() throws IOException {
    return answer("example.org.", Type.SOA).stream()
        .mapToLong(r -> ((SOARecord) r).getSerial())
        .findFirst()
        .orElseThrow(() -> new IOException("no SOA for example.org."));
  }

  /** The TXT strings of {@code name}. */
  public List<String> txt(String name) throws IOException {
    return answer(name, Type.TXT).stream()
        .flatMap(r -> ((TXTRecord) r).getStrings().stream())
        .toList();
  }

  /** Changes the zone behind the target's back: adds {@code add}, deletes {@code delete}. */
  public void tamper(String name, String add, String delete) throws IOException {
    Update update = new Update(Name.fromConstantString("example.org."));
    Name n = Name.fromConstantString(name);
    update.add(new ARecord(n, DClass.IN, 30, InetAddress.getByName(add)));
    update.delete(new ARecord(n, DClass.NONE, 0, InetAddress.getByName(delete)));
    SimpleResolver r = resolver();
    r.setTSIGKey(new TSIG(TSIG.HMAC_SHA256, KEY, SECRET));
    Message response = r.send(update);
    if (response.getRcode() != Rcode.NOERROR) {
      throw new IOException("tamper update: " + Rcode.string(response.getRcode()));
    }
  }

  /** The server's log so far, for failure messages. */
  public String log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }

  private boolean answers() {
    try {
      return !answer("example.org.", Type.SOA).isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private List<Record> answer(String name, int type) throws IOException {
    Message response =
        resolver()
            .send(
                Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN)));
    return response.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
  }

  private SimpleResolver resolver() {
    SimpleResolver r = new SimpleResolver(address);
    r.setTCP(true);
    r.setTimeout(Duration.ofSeconds(2));
    return r;
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
