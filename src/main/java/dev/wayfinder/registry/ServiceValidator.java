package dev.wayfinder.registry;

import dev.wayfinder.registry.ServiceDraft.EndpointDraft;
import dev.wayfinder.registry.ServiceDraft.PortDraft;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules for one service, whatever its source: turns a {@link ServiceDraft} into a valid {@link
 * Service} with the defaults filled in, or lists every problem in it with its path relative to the
 * service ({@code endpoints[1].address}), so a config file and the admin API report the same
 * messages, each at its own kind of location. Rules between services (a name used twice, owner
 * names that collide) are {@link ServiceNames}'.
 *
 * <p>One validator serves one zone. It shares equal port lists and health checks between the
 * services it returns (most services of a large file have the same ones), so it is not thread-safe.
 */
public final class ServiceValidator {
  /** Up to this many endpoints, duplicates are found by a scan rather than a set. */
  private static final int FEW_ENDPOINTS = 16;

  private final String zone;
  private final long defaultTtl;
  private final Map<List<Port>, List<Port>> portLists = new HashMap<>();
  private final Map<HealthSpec, HealthSpec> healthChecks = new HashMap<>();

  /**
   * What validating a draft gave.
   *
   * @param service the valid service, or {@code null} when there are problems
   * @param problems every problem found, in the order of the draft's keys; empty when valid
   */
  public record Result(Service service, List<ServiceProblem> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  /**
   * @param zone the zone the service's names are under (they must fit in it)
   * @param defaultTtl the TTL of a service that gives none
   */
  public ServiceValidator(String zone, long defaultTtl) {
    this.zone = zone;
    this.defaultTtl = defaultTtl;
  }

  public String zone() {
    return zone;
  }

  public long defaultTtl() {
    return defaultTtl;
  }

  /** Validates {@code draft} as a service defined by {@code source}. */
  public Result validate(ServiceDraft draft, Service.Source source) {
    ProblemList p = new ProblemList();
    String name = p.required("name", draft.name(), this::nameInZone);
    long ttl = p.optional("ttl", draft.ttl(), Ttls::check, defaultTtl);
    List<Port> ports = ports(draft.ports(), p);
    List<Endpoint> endpoints = endpoints(draft.endpoints(), p);
    HealthSpec health = HealthValidator.health(draft.health(), p);
    p.top();
    boolean failOpen = draft.failOpen() == null || draft.failOpen();
    int maxAnswers = (int) p.range("max_answers", draft.maxAnswers(), 0, Integer.MAX_VALUE, 0);
    if (!p.isEmpty()) {
      return new Result(null, p.list());
    }
    Service service =
        new Service(
            name,
            ttl,
            portLists.computeIfAbsent(ports, l -> l),
            endpoints,
            health == HealthSpec.NONE ? health : healthChecks.computeIfAbsent(health, h -> h),
            failOpen,
            maxAnswers,
            source);
    return new Result(service, List.of());
  }

  /**
   * A service name, normalised: each label valid (so no {@code _}, SRV's marker), not the zone's
   * nameserver's.
   *
   * @throws IllegalArgumentException with the message
   */
  static String serviceName(String text) {
    String name = DnsNames.name(text);
    if (name.equals(ServiceNames.NAMESERVER)) {
      throw new IllegalArgumentException(
          "the name " + ServiceNames.NAMESERVER + " is reserved for the zone's nameserver record");
    }
    return name;
  }

  /** {@link #serviceName}, which must also fit in the zone (RFC 1035 section 2.3.4). */
  private String nameInZone(String text) {
    String name = serviceName(text);
    if (name.length() + 1 + zone.length() > DnsNames.MAX_NAME) {
      throw new IllegalArgumentException(
          "name " + name + "." + zone + " is longer than " + DnsNames.MAX_NAME);
    }
    return name;
  }

  private static List<Port> ports(List<PortDraft> drafts, ProblemList p) {
    if (drafts == null) {
      return List.of();
    }
    List<Port> out = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      PortDraft d = drafts.get(i);
      if (d == null) {
        continue;
      }
      p.item("ports", i);
      String name = p.required("name", d.name(), DnsNames::label);
      String protocol = p.optional("protocol", d.protocol(), ServiceValidator::protocol, "tcp");
      if (d.port() == null) {
        p.add("port", ServiceProblem.REQUIRED);
      }
      Port port = new Port(name, protocol, (int) p.range("port", d.port(), 1, 65535, 0));
      if (name != null && isDuplicate(port, out)) {
        p.add("name", "duplicate port " + name + "/" + protocol);
      }
      out.add(port);
    }
    return List.copyOf(out);
  }

  private static String protocol(String text) {
    if (!text.equals("tcp") && !text.equals("udp")) {
      throw new IllegalArgumentException("must be one of tcp, udp: " + text);
    }
    return text;
  }

  /** A service names a handful of ports: a scan, where a set would cost a table per service. */
  private static boolean isDuplicate(Port port, List<Port> earlier) {
    for (Port e : earlier) {
      if (port.name().equals(e.name()) && port.protocol().equals(e.protocol())) {
        return true;
      }
    }
    return false;
  }

  private static List<Endpoint> endpoints(List<EndpointDraft> drafts, ProblemList p) {
    if (drafts == null) {
      return List.of();
    }
    List<Endpoint> out = new ArrayList<>(drafts.size());
    // Sets only where a scan would cost more: most services have a few endpoints, no hostnames.
    boolean many = drafts.size() > FEW_ENDPOINTS;
    Set<InetAddress> addresses = many ? HashSet.newHashSet(drafts.size()) : null;
    Set<String> hostnames = many ? HashSet.newHashSet(drafts.size()) : null;
    for (int i = 0; i < drafts.size(); i++) {
      EndpointDraft d = drafts.get(i);
      if (d == null) {
        continue;
      }
      p.item("endpoints", i);
      Endpoint e = endpoint(d, out.size() + 1, p);
      if (e.address() != null && repeats(out, addresses, e.address(), Endpoint::address)) {
        p.add(
            "address",
            "duplicate endpoint address in this service: " + e.address().getHostAddress());
      }
      if (e.hostname() != null && repeats(out, hostnames, e.hostname(), Endpoint::hostname)) {
        p.add("hostname", "duplicate hostname in this service: " + e.hostname());
      }
      out.add(e);
    }
    return List.copyOf(out);
  }

  private static Endpoint endpoint(EndpointDraft d, int ordinal, ProblemList p) {
    return new Endpoint(
        p.required("address", d.address(), ServiceValidator::address),
        p.optional("hostname", d.hostname(), DnsNames::label, null),
        (int) p.range("weight", d.weight(), 0, 65535, 1),
        (int) p.range("priority", d.priority(), 0, 65535, 0),
        ordinal);
  }

  /** An IP literal: names are never looked up, so a typo cannot become a DNS query. */
  static InetAddress address(String text) {
    InetAddress a = text.startsWith("[") ? null : IpLiteral.toAddress(text);
    if (a == null) {
      throw new IllegalArgumentException("not an IP address (names are not looked up): " + text);
    }
    return a;
  }

  /**
   * Whether an endpoint before this one has {@code value} as its {@code field}: looked up in {@code
   * set} (which takes the value) when there is one, else by a scan of {@code earlier}.
   */
  private static <T> boolean repeats(
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
}
