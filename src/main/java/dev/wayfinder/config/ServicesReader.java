package dev.wayfinder.config;

import static dev.wayfinder.config.Section.keys;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates {@code services:}: each service, its ports and endpoints, duplicates inside a service,
 * and collisions between the owner names services generate (see {@link OwnerNames}). Services come
 * one at a time ({@link #item}), straight from the YAML stream, so only the results and the indexes
 * for duplicates stay in memory, never the tree of the whole list.
 *
 * <p>Two readers give the same result for a valid service: {@link FastServiceReader} reads the
 * usual shape straight from the item's tokens and gives up on anything else, which the general
 * reader here then reads through a located tree and {@link Section}s, naming each problem.
 */
final class ServicesReader implements YamlTreeReader.ListListener {
  private static final Set<String> SERVICE_KEYS =
      keys("name", "ttl", "ports", "endpoints", "health", "fail_open", "max_answers");
  private static final Set<String> PORT_KEYS = keys("name", "protocol", "port");
  private static final Set<String> ENDPOINT_KEYS =
      keys("address", "hostname", "weight", "priority");
  static final Function<String, Integer> PORT_NUMBER = Values.integer(1, 65535);
  static final Function<String, Integer> SIXTEEN_BITS = Values.integer(0, 65535);
  static final Function<String, Integer> MAX_ANSWERS = Values.integer(0, Integer.MAX_VALUE);

  /** Up to this many endpoints, duplicates are found by a scan rather than a set. */
  static final int FEW_ENDPOINTS = 16;

  /**
   * Where a service's name and endpoints are in the file, for the problems found once its values
   * are read: a name used twice, owner names that collide.
   */
  interface Site {
    /** Reports a problem with the service's {@code name}. */
    void nameError(String message);

    /**
     * Reports a problem with endpoint {@code i} (from 0): with its {@code hostname}, or with the
     * endpoint as a whole.
     */
    void endpointError(int i, boolean hostname, String message);
  }

  /** The general reader's site: the sections themselves. */
  private record SectionSite(Section service, List<Section> endpoints) implements Site {
    @Override
    public void nameError(String message) {
      service.error("name", message);
    }

    @Override
    public void endpointError(int i, boolean hostname, String message) {
      if (hostname) {
        endpoints.get(i).error("hostname", message);
      } else {
        endpoints.get(i).error(message);
      }
    }
  }

  private final LoadContext ctx;
  private final String zone;
  private final long defaultTtl;
  private final OwnerNames owners;
  private final Set<String> names;
  private final List<Service> services = new ArrayList<>();

  /** One instance per distinct port list and health check: most services share theirs. */
  private final Map<List<Port>, List<Port>> portLists = new HashMap<>();

  private final Map<HealthSpec, HealthSpec> healthChecks = new HashMap<>();

  private final FastServiceReader fast;

  /**
   * How many services a config text of {@code size} bytes holds, about: a service written the usual
   * way takes 150-250 (one to three endpoints, JSON or YAML), so this errs low rather than making
   * big tables for a long file of few services. The name tables are made that size: grown from the
   * default, they rehashed the names at every doubling, cache misses all, a tenth of a
   * 100,000-service read in a profile.
   */
  static int expectedServices(long size) {
    return (int) Math.min(size / 200, 1 << 20);
  }

  /**
   * @param ctx where errors go
   * @param zone {@code dns.zone}: owner names must fit under it
   * @param defaultTtl {@code dns.ttl}
   * @param expectedServices about how many services will come ({@link #expectedServices})
   */
  ServicesReader(LoadContext ctx, String zone, long defaultTtl, int expectedServices) {
    this.ctx = ctx;
    this.zone = zone;
    this.defaultTtl = defaultTtl;
    this.names = HashSet.newHashSet(expectedServices);
    this.owners = new OwnerNames(zone, expectedServices);
    // No health section is the one constant HealthReader.NONE, which the token reader shares
    // without asking the map: so the map must give that constant for its value too.
    healthChecks.put(HealthReader.NONE, HealthReader.NONE);
    this.fast = new FastServiceReader(ctx, defaultTtl, portLists, healthChecks);
  }

  String zone() {
    return zone;
  }

  long defaultTtl() {
    return defaultTtl;
  }

  /** The services read so far, in file order. */
  List<Service> services() {
    return services;
  }

  /** The names of the services read so far. */
  Set<String> names() {
    return names;
  }

  /** Reads {@code services:} when the root tree holds it (a list is streamed to {@link #item}). */
  void readTree(Section root) {
    for (Section s : root.sections("services", SERVICE_KEYS)) {
      add(s);
    }
  }

  @Override
  public void item(int index, ItemTokens item) {
    Service service = fast.read(item, index);
    if (service != null) {
      register(service, fast);
      return;
    }
    Section s = Section.item(ctx, () -> "services[" + index + "]", item.node(), SERVICE_KEYS);
    if (s != null) {
      add(s);
    }
  }

  private void add(Section s) {
    List<Section> endpointSections = s.sections("endpoints", ENDPOINT_KEYS);
    register(service(s, endpointSections, defaultTtl), new SectionSite(s, endpointSections));
  }

  /** Checks what a service shares with the others (its names), then keeps it. */
  private void register(Service service, Site site) {
    if (service.name() != null && !names.add(service.name())) {
      site.nameError("duplicate service name: " + service.name());
    } else if (service.name() != null) {
      claimOwnerNames(service, site);
    }
    services.add(service);
  }

  private Service service(Section s, List<Section> endpoints, long defaultTtl) {
    List<Port> ports = List.copyOf(ports(s));
    HealthSpec health = HealthReader.read(s.section("health", HealthReader.KEYS));
    return new Service(
        s.required("name", ServicesReader::serviceName),
        s.value("ttl", Values.TTL, defaultTtl),
        portLists.computeIfAbsent(ports, p -> p),
        endpoints(endpoints),
        healthChecks.computeIfAbsent(health, h -> h),
        s.value("fail_open", Values.BOOL, true),
        s.value("max_answers", MAX_ANSWERS, 0),
        Service.Source.CONFIG);
  }

  /** Service names may hold dots; each label must be valid, so no {@code _} (SRV's marker). */
  static String serviceName(String text) {
    String name = DnsNames.name(text);
    if (name.equals(OwnerNames.NAMESERVER)) {
      throw new IllegalArgumentException(
          "the name " + OwnerNames.NAMESERVER + " is reserved for the zone's nameserver record");
    }
    return name;
  }

  private static List<Port> ports(Section s) {
    List<Port> out = new ArrayList<>();
    for (Section p : s.sections("ports", PORT_KEYS)) {
      Port port =
          new Port(
              p.required("name", DnsNames::label),
              p.value("protocol", ServicesReader::protocol, "tcp"),
              Objects.requireNonNullElse(p.required("port", PORT_NUMBER), 0));
      if (port.name() != null && isDuplicate(port, out)) {
        p.error("name", "duplicate port " + port.name() + "/" + port.protocol());
      }
      out.add(port);
    }
    return out;
  }

  /** A service names a handful of ports: a scan, where a set cost a table per service. */
  static boolean isDuplicate(Port port, List<Port> earlier) {
    for (Port e : earlier) {
      if (port.name().equals(e.name()) && port.protocol().equals(e.protocol())) {
        return true;
      }
    }
    return false;
  }

  static String protocol(String text) {
    if (!text.equals("tcp") && !text.equals("udp")) {
      throw new IllegalArgumentException("must be one of tcp, udp: " + text);
    }
    return text;
  }

  private static List<Endpoint> endpoints(List<Section> sections) {
    List<Endpoint> out = new ArrayList<>(sections.size());
    // Sets only where a scan would cost more: most services have a few endpoints, no hostnames.
    boolean many = sections.size() > FEW_ENDPOINTS;
    Set<InetAddress> addresses = many ? HashSet.newHashSet(sections.size()) : null;
    Set<String> hostnames = many ? HashSet.newHashSet(sections.size()) : null;
    for (Section e : sections) {
      Endpoint ep =
          new Endpoint(
              e.required("address", ServicesReader::address),
              e.value("hostname", DnsNames::label, null),
              e.value("weight", SIXTEEN_BITS, 1),
              e.value("priority", SIXTEEN_BITS, 0),
              out.size() + 1);
      if (ep.address() != null && repeats(out, addresses, ep.address(), Endpoint::address)) {
        e.error(
            "address",
            "duplicate endpoint address in this service: " + ep.address().getHostAddress());
      }
      if (ep.hostname() != null && repeats(out, hostnames, ep.hostname(), Endpoint::hostname)) {
        e.error("hostname", "duplicate hostname in this service: " + ep.hostname());
      }
      out.add(ep);
    }
    return out;
  }

  /**
   * Whether an endpoint before this one has {@code value} as its {@code field}: looked up in {@code
   * set} (which takes the value) when there is one, else by a scan of {@code earlier}.
   */
  static <T> boolean repeats(
      List<Endpoint> earlier, Set<T> set, T value, Function<Endpoint, T> field) {
    if (set != null) {
      return !set.add(value);
    }
    for (Endpoint e : earlier) {
      if (value.equals(field.apply(e))) {
        return true;
      }
    }
    return false;
  }

  static InetAddress address(String text) {
    InetAddress a = text.startsWith("[") ? null : IpLiteral.toAddress(text);
    if (a == null) {
      throw new IllegalArgumentException("not an IP address (names are not looked up): " + text);
    }
    return a;
  }

  private void claimOwnerNames(Service service, Site site) {
    String name = service.name();
    List<Endpoint> endpoints = service.endpoints();
    String problem = owners.claimService(name, endpoints.size());
    if (problem != null) {
      site.nameError(problem);
    }
    Set<String> hostnames = null;
    for (int i = 0; i < endpoints.size(); i++) {
      problem = owners.claimPosition(name, i + 1);
      if (problem != null) {
        site.endpointError(i, false, problem);
      }
      String host = endpoints.get(i).hostname();
      hostnames = host == null || hostnames != null ? hostnames : new HashSet<>();
      if (host != null && hostnames.add(host)) {
        problem = owners.claim(host + "." + name, new OwnerNames.Claimant(name, i + 1));
        if (problem != null) {
          site.endpointError(i, true, problem);
        }
      }
    }
  }
}
