package dev.wayfinder.registry;

import dev.wayfinder.registry.ServiceDraft.EndpointDraft;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules between the services of one zone: a name is used once, and the owner names services
 * generate do not collide. A service {@code S} owns {@code S}, {@code S-1..S-n} (its endpoints by
 * position) and {@code H.S} (its endpoints by hostname); so a service {@code web-1} collides with
 * endpoint #1 of {@code web}. {@code ns} is the zone's nameserver record and belongs to no service.
 * Services are claimed one after the other ({@link #claim}); a problem is the later one's, at a
 * path relative to it, as {@link ServiceValidator}'s are.
 *
 * <p>The index holds service names (with their endpoint count) and {@code H.S} names only: the
 * positional names {@code S-N}, most of the half a million names of a 100,000-service config, are
 * known from {@code S} and {@code N}. A later name of that shape is matched against the service.
 */
public final class ServiceNames {
  /** The label of the zone's nameserver record, which no service may take. */
  public static final String NAMESERVER = "ns";

  private final String zone;
  private final Set<String> names;

  /**
   * Who claimed a name, described only when a collision is reported.
   *
   * @param service the service's name
   * @param endpoint the endpoint's 1-based position, or 0 for the service itself
   */
  record Claimant(String service, int endpoint) {
    @Override
    public String toString() {
      return endpoint == 0
          ? "service " + service
          : "endpoint #" + endpoint + " of service " + service;
    }
  }

  /** A service's own name, with how many {@code S-N} names it owns. */
  private record ServiceClaim(Claimant claimant, int endpoints) {
    @Override
    public String toString() {
      return claimant.toString();
    }
  }

  /** Each indexed name and who claimed it first: a claim, or a text for {@code ns}. */
  private final Map<String, Object> owners;

  /**
   * Whether an indexed name ends in {@code -N}, the shape of a positional name. Until one does, no
   * positional name can collide with an indexed one and {@link #claimPosition} skips the lookup: at
   * 100,000 services that lookup missed the cache 400,000 times for nothing.
   */
  private boolean positionalShapeIndexed;

  /**
   * @param zone the zone the names are under
   * @param expectedServices how many services to size the tables for (they grow past that)
   */
  public ServiceNames(String zone, int expectedServices) {
    this.zone = zone;
    this.names = HashSet.newHashSet(expectedServices);
    this.owners = HashMap.newHashMap(expectedServices + 1);
    owners.put(NAMESERVER, "the zone's nameserver record " + NAMESERVER + "." + zone);
  }

  /**
   * Claims the names of {@code draft}, checked by {@link ServiceValidator} or not: a name or
   * hostname that is not valid is left out (the validator reports it), so the names of a service
   * with other problems still count.
   *
   * @return the problems: the name used before, or names that collide with earlier claims
   */
  public List<ServiceProblem> claim(ServiceDraft draft) {
    String name = valid(draft.name(), ServiceValidator::serviceName);
    if (name == null) {
      return List.of();
    }
    if (!names.add(name)) {
      return List.of(new ServiceProblem("name", "duplicate service name: " + name));
    }
    List<ServiceProblem> problems = new ArrayList<>(0);
    List<EndpointDraft> endpoints = draft.endpoints() == null ? List.of() : draft.endpoints();
    add(problems, "name", -1, null, claimService(name, count(endpoints)));
    Set<String> hostnames = null;
    int position = 0;
    for (int i = 0; i < endpoints.size(); i++) {
      EndpointDraft e = endpoints.get(i);
      if (e == null) {
        continue;
      }
      position++;
      add(problems, "endpoints", i, null, claimPosition(name, position));
      String host = e.hostname() == null ? null : valid(e.hostname(), DnsNames::label);
      hostnames = host == null || hostnames != null ? hostnames : new HashSet<>();
      if (host != null && hostnames.add(host)) {
        String problem = claim(host + "." + name, new Claimant(name, position));
        add(problems, "endpoints", i, "hostname", problem);
      }
    }
    return problems;
  }

  /** The names of the services claimed so far. */
  public Set<String> names() {
    return Collections.unmodifiableSet(names);
  }

  /**
   * Adds {@code problem}, when there is one, at {@code key} (item {@code index} of that list, or
   * -1), or at {@code key} of that item when {@code itemKey} is given.
   */
  private static void add(
      List<ServiceProblem> problems, String key, int index, String itemKey, String problem) {
    if (problem == null) {
      return;
    }
    String item = index < 0 ? key : key + "[" + index + "]";
    problems.add(new ServiceProblem(itemKey == null ? item : item + "." + itemKey, problem));
  }

  private static int count(List<EndpointDraft> endpoints) {
    int n = 0;
    for (EndpointDraft e : endpoints) {
      n += e == null ? 0 : 1;
    }
    return n;
  }

  /** {@code text} normalised by {@code rule}, or {@code null} when it is absent or refused. */
  private static String valid(String text, Function<String, String> rule) {
    if (text == null) {
      return null;
    }
    try {
      return rule.apply(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Claims the name of service {@code name} with {@code endpoints} endpoints, which also claims
   * {@code name-1 .. name-endpoints} for them ({@link #claimPosition} checks those). A name too
   * long for the zone is the validator's problem, and claims nothing.
   *
   * @return the problem with the claim, or {@code null}
   */
  private String claimService(String name, int endpoints) {
    Claimant who = new Claimant(name, 0);
    return lengthProblem(name) != null
        ? null
        : indexed(name, new ServiceClaim(who, endpoints), who);
  }

  /**
   * Checks the positional name {@code S-N} of endpoint {@code n} of {@code service} (not indexed:
   * see above).
   *
   * @return the problem with the name, or {@code null}
   */
  private String claimPosition(String service, int n) {
    int length = service.length() + 1 + digits(n);
    if (!positionalShapeIndexed && !tooLong(length)) {
      return null; // fits, and nothing indexed has its shape
    }
    Claimant who = new Claimant(service, n);
    String owner = service + "-" + n;
    String tooLong = lengthProblem(owner);
    if (tooLong != null) {
      return tooLong;
    }
    Object earlier = owners.get(owner);
    return earlier == null ? null : collision(owner, who, earlier);
  }

  /**
   * Claims {@code owner} (relative to the zone) for {@code who}: a collision or a name too long
   * once the zone is appended (RFC 1035 section 2.3.4) is a problem.
   *
   * @return the problem with the claim, or {@code null}
   */
  private String claim(String owner, Claimant who) {
    String tooLong = lengthProblem(owner);
    return tooLong != null ? tooLong : indexed(owner, who, who);
  }

  private String indexed(String owner, Object claim, Claimant who) {
    int position = positionalNumber(owner);
    positionalShapeIndexed |= position > 0;
    Object earlier = owners.putIfAbsent(owner, claim);
    if (earlier == null && position > 0) {
      earlier = positionalOwner(owner, position);
    }
    return earlier == null ? null : collision(owner, who, earlier);
  }

  private static String collision(String owner, Claimant who, Object earlier) {
    return "name " + owner + " of " + who + " collides with " + earlier;
  }

  /**
   * The endpoint owning {@code owner} as its {@code S-N} name, if an indexed service has one.
   *
   * @param n the N of {@code owner}, from {@link #positionalNumber}
   */
  private Claimant positionalOwner(String owner, int n) {
    String service = owner.substring(0, owner.lastIndexOf('-'));
    return owners.get(service) instanceof ServiceClaim s && n <= s.endpoints()
        ? new Claimant(s.claimant().service(), n)
        : null;
  }

  /** N when {@code owner} has the shape {@code S-N} (N from 1, no leading zero), else 0. */
  private static int positionalNumber(String owner) {
    int dash = owner.lastIndexOf('-');
    int digits = owner.length() - dash - 1;
    if (dash <= 0 || digits < 1 || digits > 9 || owner.charAt(dash + 1) == '0') {
      return 0;
    }
    int n = 0;
    for (int i = dash + 1; i < owner.length(); i++) {
      char c = owner.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Whether a relative name of {@code length} characters exceeds RFC 1035's limit in the zone. */
  private boolean tooLong(int length) {
    return length + 1 + zone.length() > DnsNames.MAX_NAME;
  }

  private static int digits(int n) {
    return n < 10 ? 1 : (int) Math.log10(n) + 1;
  }

  /** The problem with {@code owner} when it is too long once the zone is appended, or null. */
  private String lengthProblem(String owner) {
    return tooLong(owner.length())
        ? "name " + owner + "." + zone + " is longer than " + DnsNames.MAX_NAME
        : null;
  }
}
