package dev.wayfinder.publish;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
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
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Speaks to one primary for one zone: sends RFC 2136 updates and reads a name's A/AAAA set back,
 * both over TCP and signed with the zone's TSIG key when there is one. Every call either succeeds
 * or throws {@link Rfc2136Failure} carrying the result word for metrics.
 */
final class Rfc2136Client {
  private final Name zone;
  private final SimpleResolver resolver;

  /** Whether requests are signed: then only a reply that verifies counts as a success. */
  private final boolean signed;

  Rfc2136Client(InetSocketAddress server, String zone, TSIG tsig, Duration timeout) {
    this.zone = Name.fromConstantString(absolute(zone));
    this.resolver = new SimpleResolver(server);
    resolver.setTCP(true);
    resolver.setTimeout(timeout);
    if (tsig != null) {
      resolver.setTSIGKey(tsig);
    }
    this.signed = tsig != null;
  }

  /**
   * Sends one update for every name of {@code changes}: first the addresses to add (with {@code
   * ttl} of that name), then the ones to delete, so no name is ever empty in between.
   */
  void update(List<NameChange> changes) throws Rfc2136Failure {
    check(send(message(zone, changes)));
  }

  /** The update message for {@code changes}: all additions, then all deletions. */
  static Update message(Name zone, List<NameChange> changes) {
    Update update = new Update(zone);
    for (NameChange c : changes) {
      for (InetAddress a : c.add()) {
        update.add(record(c.name(), DClass.IN, c.ttl(), a));
      }
    }
    for (NameChange c : changes) {
      for (InetAddress a : c.delete()) {
        update.delete(record(c.name(), DClass.NONE, 0, a));
      }
    }
    return update;
  }

  /** The A and AAAA addresses the server holds for {@code name} now, sorted as text. */
  Set<InetAddress> read(String name) throws Rfc2136Failure {
    Name n = Name.fromConstantString(absolute(name));
    Set<InetAddress> out = new TreeSet<>(Rfc2136Client::compare);
    for (int type : new int[] {Type.A, Type.AAAA}) {
      Message response = send(Message.newQuery(Record.newRecord(n, type, DClass.IN)));
      int rcode = response.getRcode();
      if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
        check(response);
      }
      checkSignature(response);
      checkSigned(response);
      for (Record r : response.getSection(Section.ANSWER)) {
        if (r instanceof ARecord a && a.getName().equals(n)) {
          out.add(a.getAddress());
        } else if (r instanceof AAAARecord a && a.getName().equals(n)) {
          out.add(a.getAddress());
        }
      }
    }
    return out;
  }

  private Message send(Message query) throws Rfc2136Failure {
    try {
      return resolver.send(query);
    } catch (IOException e) {
      throw Rfc2136Failure.of(e);
    }
  }

  private void check(Message response) throws Rfc2136Failure {
    checkSignature(response);
    int rcode = response.getRcode();
    if (rcode != Rcode.NOERROR) {
      throw new Rfc2136Failure(
          Rfc2136Failure.result(rcode), "server answered " + Rcode.string(rcode));
    }
    checkSigned(response);
  }

  /**
   * RFC 8945: a client that signed its request takes no unsigned answer; anyone who can reach the
   * client could have sent it (the resolver only marks such a reply unverified).
   */
  private void checkSigned(Message response) throws Rfc2136Failure {
    if (signed && !response.isVerified()) {
      throw new Rfc2136Failure("badsig", "the response is not signed");
    }
  }

  private static void checkSignature(Message response) throws Rfc2136Failure {
    var tsig = response.getTSIG();
    if (tsig != null && tsig.getError() != Rcode.NOERROR) {
      throw new Rfc2136Failure("badsig", "TSIG " + Rcode.TSIGstring(tsig.getError()));
    }
    if (response.getRcode() == Rcode.NOTAUTH && tsig != null) {
      throw new Rfc2136Failure("badsig", "TSIG rejected (NOTAUTH)");
    }
    if (tsig != null && !response.isVerified()) {
      throw new Rfc2136Failure("badsig", "response signature does not verify");
    }
  }

  private static Record record(String name, int dclass, long ttl, InetAddress a) {
    Name n = Name.fromConstantString(absolute(name));
    return a.getAddress().length == 4
        ? new ARecord(n, dclass, ttl, a)
        : new AAAARecord(n, dclass, ttl, a);
  }

  /** {@code host:port} or {@code [v6]:port}, as the config validated it. */
  static InetSocketAddress server(String server) {
    int colon = server.lastIndexOf(':');
    String host = server.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, Integer.parseInt(server.substring(colon + 1)));
  }

  static String absolute(String name) {
    return name.endsWith(".") ? name : name + ".";
  }

  static int compare(InetAddress a, InetAddress b) {
    return a.getHostAddress().compareTo(b.getHostAddress());
  }

  /**
   * What one update does to one name.
   *
   * @param name absolute or relative-to-root name
   * @param ttl seconds for the added records
   * @param add addresses to add
   * @param delete addresses to delete
   */
  record NameChange(String name, long ttl, List<InetAddress> add, List<InetAddress> delete) {
    boolean isEmpty() {
      return add.isEmpty() && delete.isEmpty();
    }

    /** The change that turns {@code live} into {@code desired}. */
    static NameChange between(
        String name, long ttl, Set<InetAddress> live, Set<InetAddress> desired) {
      List<InetAddress> add = new ArrayList<>(desired);
      add.removeAll(live);
      List<InetAddress> delete = new ArrayList<>(live);
      delete.removeAll(desired);
      return new NameChange(name, ttl, add, delete);
    }
  }
}
