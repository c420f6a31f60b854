package dev.wayfinder.config;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Service;
import dev.wayfinder.registry.ServiceDraft;
import dev.wayfinder.registry.ServiceDraft.EndpointDraft;
import dev.wayfinder.registry.ServiceNames;
import dev.wayfinder.registry.ServiceProblem;
import dev.wayfinder.registry.ServiceValidator;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Reads one service from JSON text in the config's shape (the admin API's PUT body, the store's
 * saved bodies) through the config file's own reader: the same unknown-key and type errors as
 * {@code wayfinder check}, the registry's {@link ServiceValidator} for the values and {@link
 * ServiceNames} for names that collide with the other services. Problems are named as a file's
 * first service's would be, {@code services[0].endpoints[1].address}.
 *
 * <p>{@code ${NAME}} is not substituted: a body comes from a client, and the daemon's environment
 * (where the admin token lives) is not the client's to read back. Not thread-safe (the validator
 * shares equal values between the services it returns); one caller at a time.
 */
public final class ServiceBodyReader {
  private static final String ITEM = "services[0]";

  /**
   * One problem of a body.
   *
   * @param field the path, {@code services[0].endpoints[1].address}, or {@code null} when the body
   *     as a whole is at fault (not JSON, not an object)
   * @param message what is wrong, as {@code check} says it
   */
  public record Problem(String field, String message) {}

  /**
   * What reading a body gave.
   *
   * @param service the valid service, or {@code null} when there are problems
   * @param problems every problem, in the body's order; empty when valid
   */
  public record Result(Service service, List<Problem> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private final ServiceValidator validator;
  private final ConfigEnvironment env;
  private final Path baseDir;

  /**
   * @param zone {@code dns.zone}: names must fit under it
   * @param defaultTtl {@code dns.ttl}, for a body without {@code ttl}
   * @param baseDir where a relative {@code health.tls.ca_file} resolves
   */
  public ServiceBodyReader(String zone, long defaultTtl, Path baseDir) {
    this.validator = new ServiceValidator(zone, defaultTtl);
    this.env = new ConfigEnvironment(name -> null, ConfigEnvironment.SYSTEM_RESOLV_CONF);
    this.baseDir = baseDir;
  }

  /**
   * Reads {@code json} as the service {@code name}: a body without {@code name} takes this one, a
   * body whose {@code name} differs is refused at {@code services[0].name}.
   *
   * @param source the source the service will be written by
   * @param others the other services of the zone, whose names the service must not collide with (a
   *     service of the same name among them is skipped: it is the one being replaced)
   */
  public Result read(String json, String name, Service.Source source, Collection<Service> others) {
    if (!startsWithBrace(json)) {
      return failed(null, "the body must be a JSON object in the config's shape of one service");
    }
    YamlNode root;
    try {
      root = YamlTreeReader.read(new StringReader(json), (index, item) -> {}, true);
    } catch (YamlTreeReader.NotJsonException e) {
      return failed(null, "malformed JSON: " + firstLine(e.getCause().getMessage()));
    } catch (YamlTreeReader.SyntaxException e) {
      return failed(null, "malformed JSON: " + e.getMessage());
    }
    Problems problems = new Problems("body");
    LoadContext ctx = new LoadContext(problems, env, baseDir);
    Section s = Section.item(ctx, () -> ITEM, root, ServiceDraftReader.SERVICE_KEYS);
    List<Problem> out = new ArrayList<>();
    if (s == null) {
      return failed(null, "the body must be a JSON object in the config's shape of one service");
    }
    ServiceDraft draft = ServiceDraftReader.read(s);
    boolean named = s.has("name");
    if (!named && draft.name() == null) {
      draft = withName(draft, name);
    }
    ServiceValidator.Result result = validator.validate(draft, source);
    try {
      problems.throwIfAny();
    } catch (ConfigException e) {
      e.errors().forEach(err -> out.add(new Problem(err.path(), err.message())));
    }
    for (ServiceProblem p : result.problems()) {
      String path = ITEM + (p.path().isEmpty() ? "" : "." + p.path());
      if (!p.missing() || out.stream().noneMatch(o -> path.equals(o.field()))) {
        out.add(new Problem(path, p.message()));
      }
    }
    if (result.valid() && !result.service().name().equals(normalised(name))) {
      out.add(
          new Problem(
              ITEM + ".name",
              "the body names service "
                  + result.service().name()
                  + " but the URL names "
                  + normalised(name)));
    }
    if (out.isEmpty()) {
      for (ServiceProblem p : clashes(draft, result.service().name(), others)) {
        out.add(new Problem(ITEM + "." + p.path(), p.message()));
      }
    }
    return out.isEmpty() ? new Result(result.service(), List.of()) : new Result(null, out);
  }

  /** The owner-name problems of {@code draft} claimed after every other service. */
  private List<ServiceProblem> clashes(
      ServiceDraft draft, String name, Collection<Service> others) {
    ServiceNames names = new ServiceNames(validator.zone(), others.size() + 1);
    for (Service o : others) {
      if (!o.name().equals(name)) {
        names.claim(asDraft(o));
      }
    }
    return names.claim(draft);
  }

  /** The names a service claims: its name and its endpoints' hostnames. */
  private static ServiceDraft asDraft(Service s) {
    List<EndpointDraft> endpoints = new ArrayList<>(s.endpoints().size());
    for (Endpoint e : s.endpoints()) {
      endpoints.add(new EndpointDraft(e.address().getHostAddress(), e.hostname(), null, null));
    }
    return new ServiceDraft(s.name(), null, null, endpoints, null, null, null);
  }

  private static ServiceDraft withName(ServiceDraft d, String name) {
    return new ServiceDraft(
        name, d.ttl(), d.ports(), d.endpoints(), d.health(), d.failOpen(), d.maxAnswers());
  }

  private static String normalised(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static Result failed(String field, String message) {
    return new Result(null, List.of(new Problem(field, message)));
  }

  private static boolean startsWithBrace(String text) {
    String t = text.strip();
    if (t.startsWith("\uFEFF")) {
      t = t.substring(1).strip();
    }
    return t.startsWith("{");
  }

  private static String firstLine(String m) {
    String s = String.valueOf(m).strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl).strip();
  }
}
