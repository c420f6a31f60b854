package dev.wayfinder.zone;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;

/**
 * The names and records of one zone (SPEC.md "DNS names"): the apex, and for each service its name,
 * instance names and SRV names. The snapshot builder encodes these records into tails; zone
 * transfers regenerate them from here on demand rather than keeping a second copy.
 */
final class ZoneRecords {
  /** SOA timers (RFC 1912 2.2 ranges): refresh, retry, expire, in seconds. */
  private static final long REFRESH = 3600;

  private static final long RETRY = 600;
  private static final long EXPIRE = 86400;

  private final Name origin;
  private final Name nsHost;
  private final Name hostmaster;
  private final long ttl;
  private final List<Record> nsAddresses;

  ZoneRecords(DnsConfig config) {
    this.origin = absolute(config.zone(), Name.root);
    this.nsHost = absolute("ns", origin);
    this.hostmaster = absolute("hostmaster", origin);
    this.ttl = config.ttl();
    this.nsAddresses = nsAddresses(config.listen());
  }

  Name origin() {
    return origin;
  }

  Name nsHost() {
    return nsHost;
  }

  /**
   * The apex SOA. Its TTL equals its minimum (the zone's {@code ttl}), so it is also the SOA of
   * negative answers, whose TTL must be min(SOA TTL, SOA minimum) (RFC 2308 3).
   */
  SOARecord soa(long serial) {
    return new SOARecord(
        origin, DClass.IN, ttl, nsHost, hostmaster, serial, REFRESH, RETRY, EXPIRE, ttl);
  }

  NSRecord ns() {
    return new NSRecord(origin, DClass.IN, ttl, nsHost);
  }

  /** {@code ns.Z} A/AAAA: the listen addresses, wildcards as loopback of their family. */
  List<Record> nsAddresses() {
    return nsAddresses;
  }

  Name serviceName(Service s) {
    return absolute(s.name(), origin);
  }

  /** {@code S-N.Z}: every endpoint has one, whatever its hostname. */
  Name ordinalName(Service s, Endpoint e) {
    return absolute(s.name() + "-" + e.ordinal(), origin);
  }

  /** The endpoint's instance name: {@code H.S.Z} with a hostname, else {@code S-N.Z}. */
  Name instanceName(Service s, Endpoint e) {
    return absolute(e.instanceName(s.name()), origin);
  }

  /** {@code _P._T.S.Z} (RFC 2782). */
  Name srvName(Service s, Port p) {
    return absolute("_" + p.name() + "._" + p.protocol() + "." + s.name(), origin);
  }

  /** The A or AAAA record of {@code e} at {@code owner}. */
  static Record address(Name owner, long ttl, Endpoint e) {
    return addressRecord(owner, ttl, e.address());
  }

  /** One SRV per distinct instance name of {@code endpoints}, in their order. */
  List<Record> srv(Service s, Port p, List<Endpoint> endpoints) {
    Name owner = srvName(s, p);
    Set<Record> records = new LinkedHashSet<>();
    Set<Name> targets = new LinkedHashSet<>();
    for (Endpoint e : endpoints) {
      Name target = instanceName(s, e);
      if (targets.add(target)) {
        records.add(
            new SRVRecord(owner, DClass.IN, s.ttl(), e.priority(), e.weight(), p.port(), target));
      }
    }
    return new ArrayList<>(records);
  }

  /**
   * Every record of a service for a zone transfer: the whole answer set at each name (no {@code
   * max_answers} window), in a stable order.
   */
  List<Record> serviceRecords(ServiceAnswers sa) {
    Service s = sa.service();
    Set<Record> out = new LinkedHashSet<>();
    Name name = serviceName(s);
    sa.answerSet().forEach(e -> out.add(address(name, s.ttl(), e)));
    for (Endpoint e : sa.answerSet()) {
      out.add(address(ordinalName(s, e), s.ttl(), e));
      out.add(address(instanceName(s, e), s.ttl(), e));
    }
    for (Port p : s.ports()) {
      out.addAll(srv(s, p, sa.answerSet()));
    }
    return new ArrayList<>(out);
  }

  private List<Record> nsAddresses(List<InetSocketAddress> listen) {
    Set<Record> out = new LinkedHashSet<>();
    for (InetSocketAddress l : listen) {
      InetAddress a = l.getAddress();
      if (a != null) {
        out.add(addressRecord(nsHost, ttl, a.isAnyLocalAddress() ? loopbackOf(a) : a));
      }
    }
    if (out.isEmpty()) {
      // An in-zone NS needs an address (RFC 1034 4.2.1 glue); loopback is where a listener-less
      // test zone is reachable.
      out.add(addressRecord(nsHost, ttl, InetAddress.getLoopbackAddress()));
    }
    return List.copyOf(out);
  }

  private static InetAddress loopbackOf(InetAddress wildcard) {
    byte[] bytes = new byte[wildcard instanceof Inet4Address ? 4 : 16];
    if (bytes.length == 4) {
      bytes[0] = 127;
    }
    bytes[bytes.length - 1] = 1;
    try {
      return InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static Record addressRecord(Name owner, long ttl, InetAddress a) {
    return a instanceof Inet6Address
        ? new AAAARecord(owner, DClass.IN, ttl, a)
        : new ARecord(owner, DClass.IN, ttl, a);
  }

  /** {@code relative} under {@code origin}, lower case; config validation made it a valid name. */
  static Name absolute(String relative, Name origin) {
    try {
      return Name.fromString(relative.toLowerCase(java.util.Locale.ROOT), origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + relative, e);
    }
  }
}
