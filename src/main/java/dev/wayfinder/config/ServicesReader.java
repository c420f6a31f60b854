package dev.wayfinder.config;

import dev.wayfinder.registry.Service;
import dev.wayfinder.registry.ServiceDraft;
import dev.wayfinder.registry.ServiceNames;
import dev.wayfinder.registry.ServiceProblem;
import dev.wayfinder.registry.ServiceValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code services:}: each item becomes a {@link ServiceDraft} ({@link ServiceDraftReader}),
 * which the registry's {@link ServiceValidator} and {@link ServiceNames} judge; each problem they
 * find, at a path relative to the service, is reported as {@code services[i].PATH} at the line of
 * that key in the item. Services come one at a time ({@link #item}), straight from the YAML stream,
 * so only the results and the name index stay in memory, never the tree of the whole list.
 */
final class ServicesReader implements YamlTreeReader.ListListener {
  private final LoadContext ctx;
  private final ServiceValidator validator;
  private final ServiceNames names;
  private final List<Service> services = new ArrayList<>();

  /**
   * How many services a config text of {@code size} bytes holds, about: a service written the usual
   * way takes 150-250 (one to three endpoints, JSON or YAML), so this errs low rather than making
   * big tables for a long file of few services. The name tables are made that size: grown from the
   * default, they rehash the names at every doubling, a cache miss each.
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
    this.validator = new ServiceValidator(zone, defaultTtl);
    this.names = new ServiceNames(zone, expectedServices);
  }

  String zone() {
    return validator.zone();
  }

  long defaultTtl() {
    return validator.defaultTtl();
  }

  /** The valid services read so far, in file order. */
  List<Service> services() {
    return services;
  }

  /** The names of the services read so far, valid or not. */
  Set<String> names() {
    return names.names();
  }

  /** Reads {@code services:} when the root tree holds it (a list is streamed to {@link #item}). */
  void readTree(Section root) {
    List<YamlNode> items = root.items("services");
    for (int i = 0; i < items.size(); i++) {
      item(i, items.get(i));
    }
  }

  @Override
  public void item(int index, YamlNode item) {
    Problems problems = ctx.problems();
    long read = problems.mark();
    Section s =
        Section.item(ctx, () -> "services[" + index + "]", item, ServiceDraftReader.SERVICE_KEYS);
    if (s == null) {
      return;
    }
    ServiceDraft draft = ServiceDraftReader.read(s);
    long judged = problems.mark();
    ServiceValidator.Result result = validator.validate(draft, Service.Source.CONFIG);
    report(index, item, result.problems(), read, judged);
    report(index, item, names.claim(draft), read, judged);
    if (result.valid()) {
      services.add(result.service());
    }
  }

  /**
   * Reports the registry's {@code found} for item {@code index}, but not a missing key where the
   * draft's reading refused the value given (between marks {@code read} and {@code judged}): a
   * value refused there is absent from the draft, and "is required" would say it twice.
   */
  private void report(
      int index, YamlNode item, List<ServiceProblem> found, long read, long judged) {
    for (ServiceProblem p : found) {
      String path = "services[" + index + "]" + (p.path().isEmpty() ? "" : "." + p.path());
      if (!p.missing() || !ctx.problems().reportedBetween(read, judged, path)) {
        ctx.problems().add(YamlNode.lineAt(item, p.path()), path, p.message());
      }
    }
  }
}
