package dev.wayfinder.config;

import static dev.wayfinder.config.ItemTokens.KEY;
import static dev.wayfinder.config.ItemTokens.LIST;
import static dev.wayfinder.config.ItemTokens.LIST_END;
import static dev.wayfinder.config.ItemTokens.MAP;
import static dev.wayfinder.config.ItemTokens.SCALAR;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code services:} item written the usual way straight from its tokens: a map of the
 * service's keys, each given once, with plain values (no {@code ${NAME}}, no empty ones), ports and
 * endpoints as lists of such maps, and nothing wrong in any of it. Anything else gives up ({@code
 * null}) before it changed anything, and {@link ServicesReader} reads the item again through a
 * located tree, which names each problem. So this reader needs no key paths and no {@link Section}
 * per map, which were most of the time a 100,000-service config took to validate.
 *
 * <p>It is also the {@link ServicesReader.Site} of the service it read last: the problems found
 * after (a name used twice, owner names that collide) are reported at lines kept from its tokens.
 */
final class FastServiceReader implements ServicesReader.Site {
  private final LoadContext ctx;
  private final long defaultTtl;
  private final Map<List<Port>, List<Port>> portLists;
  private final Map<HealthSpec, HealthSpec> healthChecks;

  /** Where a health section's problems go: they only tell that this reader gives up. */
  private LoadContext quiet;

  // The item read last, for its Site.
  private ItemTokens tokens;
  private int index;
  private int nameAt;
  private int[] endpointAt = new int[8];
  private int[] hostnameAt = new int[8];

  /** The port list the last service shared ({@link #sharedPorts}). */
  private List<Port> lastPorts;

  /** The last number read from 0 and from 1 ({@link #number}), and its text. */
  private final String[] numberText = new String[2];

  private final int[] numberValue = new int[2];

  /**
   * @param ctx the load (its problems get what is found after a service is read)
   * @param defaultTtl {@code dns.ttl}
   * @param portLists the general reader's shared port lists, which this one adds to
   * @param healthChecks the general reader's shared health checks, which this one adds to
   */
  FastServiceReader(
      LoadContext ctx,
      long defaultTtl,
      Map<List<Port>, List<Port>> portLists,
      Map<HealthSpec, HealthSpec> healthChecks) {
    this.ctx = ctx;
    this.defaultTtl = defaultTtl;
    this.portLists = portLists;
    this.healthChecks = healthChecks;
    this.quiet = ctx.withProblems(ctx.problems().sibling());
  }

  /** Item {@code index} as a service, or {@code null} when the general reader must read it. */
  Service read(ItemTokens item, int index) {
    this.tokens = item;
    this.index = index;
    try {
      return service();
    } catch (IllegalArgumentException invalid) { // a value's parser refused it
      return null;
    }
  }

  private Service service() {
    if (tokens.kind(0) != MAP) {
      return null;
    }
    String name = null;
    long ttl = defaultTtl;
    List<Port> ports = List.of();
    List<Endpoint> endpoints = List.of();
    HealthSpec health = HealthReader.NONE;
    boolean failOpen = true;
    int maxAnswers = 0;
    int given = 0; // a bit per key, to give up on a key given twice
    for (int at = 1; tokens.kind(at) == KEY; at = tokens.skip(at + 1)) {
      String key = tokens.text(at);
      int value = at + 1;
      int bit;
      switch (key) {
        case "name" -> {
          bit = 1;
          name = ServicesReader.serviceName(scalar(value));
          nameAt = value;
        }
        case "ttl" -> {
          bit = 2;
          ttl = Durations.parseTtl(scalar(value));
        }
        case "ports" -> {
          bit = 4;
          ports = ports(value);
        }
        case "endpoints" -> {
          bit = 8;
          endpoints = endpoints(value);
        }
        case "health" -> {
          bit = 16;
          health = health(value);
        }
        case "fail_open" -> {
          bit = 32;
          failOpen = Values.BOOL.apply(scalar(value));
        }
        case "max_answers" -> {
          bit = 64;
          maxAnswers = Values.intIn(scalar(value), 0, Integer.MAX_VALUE);
        }
        default -> throw new IllegalArgumentException(); // not a key of a service
      }
      given = once(given, bit);
    }
    if (name == null) {
      return null;
    }
    return new Service(
        name,
        ttl,
        sharedPorts(ports),
        endpoints,
        sharedHealth(health),
        failOpen,
        maxAnswers,
        Service.Source.CONFIG);
  }

  /**
   * The shared instance of {@code ports}. The list the last service shared is checked first, field
   * by field: hashing a list of records goes through their generated hashCode, a chain of method
   * handles, which was a sixth of a 100,000-service read while still cold.
   */
  private List<Port> sharedPorts(List<Port> ports) {
    if (!samePorts(ports, lastPorts)) {
      lastPorts = portLists.computeIfAbsent(ports, p -> p);
    }
    return lastPorts;
  }

  private static boolean samePorts(List<Port> a, List<Port> b) {
    if (b == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Port x = a.get(i);
      Port y = b.get(i);
      if (x.port() != y.port()
          || !x.name().equals(y.name())
          || !x.protocol().equals(y.protocol())) {
        return false;
      }
    }
    return true;
  }

  /** The shared instance of {@code health}; no {@code health:} at all is the one constant. */
  private HealthSpec sharedHealth(HealthSpec health) {
    return health == HealthReader.NONE ? health : healthChecks.computeIfAbsent(health, h -> h);
  }

  /**
   * The text of the scalar at {@code at}; what the general reader would treat otherwise (a map, a
   * list, an empty value, a {@code ${NAME}}) gives up.
   */
  private String scalar(int at) {
    String text = tokens.text(at);
    if (tokens.kind(at) != SCALAR || text.indexOf("${") >= 0) {
      throw new IllegalArgumentException();
    }
    return text;
  }

  private List<Port> ports(int at) {
    List<Port> out = new ArrayList<>(items(at));
    for (int item = at + 1; tokens.kind(item) != LIST_END; item = tokens.skip(item)) {
      String name = null;
      String protocol = "tcp";
      int port = 0;
      int given = 0;
      for (int k = map(item); tokens.kind(k) == KEY; k = tokens.skip(k + 1)) {
        int bit;
        switch (tokens.text(k)) {
          case "name" -> {
            bit = 1;
            name = DnsNames.label(scalar(k + 1));
          }
          case "protocol" -> {
            bit = 2;
            protocol = ServicesReader.protocol(scalar(k + 1));
          }
          case "port" -> {
            bit = 4;
            port = number(scalar(k + 1), 1);
          }
          default -> throw new IllegalArgumentException();
        }
        given = once(given, bit);
      }
      if (name == null || port == 0) {
        throw new IllegalArgumentException(); // a required key is missing
      }
      Port config = new Port(name, protocol, port);
      if (ServicesReader.isDuplicate(config, out)) {
        throw new IllegalArgumentException(); // the same port twice
      }
      out.add(config);
    }
    return List.copyOf(out);
  }

  private List<Endpoint> endpoints(int at) {
    int count = items(at);
    List<Endpoint> out = new ArrayList<>(count);
    boolean many = count > ServicesReader.FEW_ENDPOINTS;
    Set<InetAddress> addresses = many ? HashSet.newHashSet(count) : null;
    Set<String> hostnames = many ? HashSet.newHashSet(count) : null;
    if (endpointAt.length < count) {
      endpointAt = Arrays.copyOf(endpointAt, count);
      hostnameAt = Arrays.copyOf(hostnameAt, count);
    }
    for (int item = at + 1; tokens.kind(item) != LIST_END; item = tokens.skip(item)) {
      InetAddress address = null;
      String hostname = null;
      int weight = 1;
      int priority = 0;
      int given = 0;
      endpointAt[out.size()] = item;
      for (int k = map(item); tokens.kind(k) == KEY; k = tokens.skip(k + 1)) {
        int bit;
        switch (tokens.text(k)) {
          case "address" -> {
            bit = 1;
            address = address(k + 1);
          }
          case "hostname" -> {
            bit = 2;
            hostname = DnsNames.label(scalar(k + 1));
            hostnameAt[out.size()] = k + 1;
          }
          case "weight" -> {
            bit = 4;
            weight = number(scalar(k + 1), 0);
          }
          case "priority" -> {
            bit = 8;
            priority = number(scalar(k + 1), 0);
          }
          default -> throw new IllegalArgumentException();
        }
        given = once(given, bit);
      }
      if (address == null
          || ServicesReader.repeats(out, addresses, address, Endpoint::address)
          || hostname != null
              && ServicesReader.repeats(out, hostnames, hostname, Endpoint::hostname)) {
        throw new IllegalArgumentException(); // no address, or one given twice
      }
      out.add(new Endpoint(address, hostname, weight, priority, out.size() + 1));
    }
    return out;
  }

  /** The address at {@code at}: plain IPv4 straight from the token's characters. */
  private InetAddress address(int at) {
    InetAddress plain = tokens.ipv4(at);
    return plain != null ? plain : ServicesReader.address(scalar(at));
  }

  /** The health section at {@code at}, read by the general reader's code from its tree. */
  private HealthSpec health(int at) {
    if (tokens.kind(at) != MAP) {
      throw new IllegalArgumentException();
    }
    Section section = Section.of(quiet, "", tokens.line(at), tokens.node(at), HealthReader.KEYS);
    HealthSpec health = HealthReader.read(section);
    if (!quiet.problems().isEmpty()) {
      quiet = ctx.withProblems(ctx.problems().sibling());
      throw new IllegalArgumentException();
    }
    return health;
  }

  /** The number of items in the list at {@code at}; anything but a list gives up. */
  private int items(int at) {
    if (tokens.kind(at) != LIST) {
      throw new IllegalArgumentException();
    }
    int count = 0;
    for (int item = at + 1; tokens.kind(item) != LIST_END; item = tokens.skip(item)) {
      count++;
    }
    return count;
  }

  /** The first key of the map at {@code at}; anything but a map gives up. */
  private int map(int at) {
    if (tokens.kind(at) != MAP) {
      throw new IllegalArgumentException();
    }
    return at + 1;
  }

  /**
   * A port (from 1) or weight or priority (from 0), at most 65535. {@link ItemTokens} hands out one
   * string for a short scalar that repeats, so the text read last, met again, is the number read
   * last: the same few numbers fill a 100,000-service file.
   */
  private int number(String text, int min) {
    int cached = min == 0 ? 0 : 1;
    if (text != numberText[cached]) {
      numberValue[cached] = Values.intIn(text, min, 65535);
      numberText[cached] = text;
    }
    return numberValue[cached];
  }

  /** {@code given} with {@code bit} added; a key given twice gives up. */
  private static int once(int given, int bit) {
    if ((given & bit) != 0) {
      throw new IllegalArgumentException();
    }
    return given | bit;
  }

  @Override
  public void nameError(String message) {
    ctx.problems().add(tokens.line(nameAt), path() + ".name", message);
  }

  @Override
  public void endpointError(int i, boolean hostname, String message) {
    String endpoint = path() + ".endpoints[" + i + "]";
    if (hostname) {
      ctx.problems().add(tokens.line(hostnameAt[i]), endpoint + ".hostname", message);
    } else {
      ctx.problems().add(tokens.line(endpointAt[i]), endpoint, message);
    }
  }

  private String path() {
    return "services[" + index + "]";
  }
}
