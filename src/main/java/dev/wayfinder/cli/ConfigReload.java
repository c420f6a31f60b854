package dev.wayfinder.cli;

import dev.wayfinder.config.ConfigError;
import dev.wayfinder.config.ConfigException;
import dev.wayfinder.config.ConfigLoader;
import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.Service;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an edited config file to the running daemon (SPEC.md "Reload"). The file is read and
 * validated whole. An invalid file, an empty one, or one that adds a name an API service holds is
 * rejected with every error in the log as {@code FILE:LINE: key: message}, and the running config
 * keeps serving. A valid one is applied as a diff: the DNS listeners are rebound when {@code
 * dns.listen} changed (unchanged addresses keep their sockets), then the file's services replace
 * the file's previous ones in the registry, which hands health and the zone only the services that
 * changed, so unchanged services keep their endpoints' states and probes. The other sections take
 * effect at the next start, and a reload that changes them says which in the log.
 *
 * <p>The file watcher's thread and the SIGHUP handler both call {@link #reload}; one reload runs at
 * a time.
 */
final class ConfigReload {
  private static final Logger log = LoggerFactory.getLogger(ConfigReload.class);

  /** Rebinds the DNS listeners to exactly these addresses, or throws and changes nothing. */
  @FunctionalInterface
  interface Listeners {
    void rebind(List<InetSocketAddress> wanted) throws IOException;
  }

  private final Path file;
  private final Registry registry;
  private final Listeners listeners;
  private final Counter applied;
  private final Counter rejected;

  /** The running config, without its services (the registry has those). */
  private WayfinderConfig running;

  ConfigReload(
      Path file,
      WayfinderConfig running,
      Registry registry,
      Listeners listeners,
      MeterRegistry metrics) {
    this.file = file;
    this.running = running.withoutServices();
    this.registry = registry;
    this.listeners = listeners;
    this.applied = reloads(metrics, "success");
    this.rejected = reloads(metrics, "failure");
  }

  private static Counter reloads(MeterRegistry metrics, String result) {
    return Counter.builder("wayfinder.config.reloads")
        .description("Config reloads, by whether the file was applied or rejected")
        .tag("result", result)
        .register(metrics);
  }

  /**
   * Reads the file and applies it. Returns the errors that rejected it, each as {@code FILE:LINE:
   * key: message} (they are logged too); empty when it was applied.
   */
  synchronized List<String> reload() {
    List<String> errors = new ArrayList<>();
    WayfinderConfig next = read(errors);
    if (next != null) {
      List<String> held =
          registry.heldByOthers(
              Service.Source.CONFIG, next.services().stream().map(Service::name).toList());
      for (String name : held) {
        String problem = name + ": the name belongs to a service created through the API";
        errors.add(new ConfigError(file.toString(), 0, "services", problem).toString());
      }
    }
    if (errors.isEmpty()) {
      try {
        apply(next);
      } catch (IOException e) {
        errors.add(new ConfigError(file.toString(), 0, "dns.listen", e.getMessage()).toString());
      }
    }
    if (!errors.isEmpty()) {
      rejected.increment();
      log.error("config reload rejected; the running config keeps serving:");
      errors.forEach(e -> log.error("  {}", e));
      return errors;
    }
    applied.increment();
    return List.of();
  }

  /** The file's config, or null with {@code errors} filled. */
  private WayfinderConfig read(List<String> errors) {
    try {
      if (isEmpty(file)) {
        errors.add(new ConfigError(file.toString(), 0, "(file)", "the file is empty").toString());
        return null;
      }
      return ConfigLoader.load(file);
    } catch (ConfigException e) {
      e.errors().stream().map(ConfigError::toString).forEach(errors::add);
    } catch (IOException e) {
      errors.add(
          new ConfigError(file.toString(), 0, "(file)", "cannot read the file: " + e).toString());
    }
    return null;
  }

  /** Nothing but blank lines and comments: what an editor leaves mid-save, or a mistake. */
  private static boolean isEmpty(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .map(String::strip)
        .allMatch(l -> l.isEmpty() || l.startsWith("#"));
  }

  private void apply(WayfinderConfig next) throws IOException {
    if (!next.dns().listen().equals(running.dns().listen())) {
      listeners.rebind(next.dns().listen());
    }
    int changed = registry.sink(Service.Source.CONFIG).replaceAll(next.services()).changes().size();
    List<String> later = needRestart(running, next);
    log.info(
        "config {} reloaded: {} services, {} changed{}",
        file,
        next.services().size(),
        changed,
        later.isEmpty() ? "" : "; " + String.join(", ", later) + " take effect at the next start");
    running = withListen(running, next.dns().listen());
  }

  /** The sections other than services and dns.listen that differ between the two. */
  static List<String> needRestart(WayfinderConfig before, WayfinderConfig after) {
    List<String> out = new ArrayList<>();
    DnsConfig dns = withListen(after, before.dns().listen()).dns();
    if (!dns.equals(before.dns())) {
      out.add("dns");
    }
    check(out, "admin", before.admin(), after.admin());
    check(out, "data_dir", before.dataDir(), after.dataDir());
    check(out, "query_log", before.queryLog(), after.queryLog());
    check(out, "tsig_keys", before.tsigKeys(), after.tsigKeys());
    check(out, "publish", before.publish(), after.publish());
    check(out, "cluster", before.cluster(), after.cluster());
    check(out, "diagnostics", before.diagnostics(), after.diagnostics());
    return out;
  }

  private static void check(List<String> out, String section, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      out.add(section);
    }
  }

  private static WayfinderConfig withListen(WayfinderConfig c, List<InetSocketAddress> listen) {
    DnsConfig d = c.dns();
    DnsConfig dns =
        new DnsConfig(
            listen,
            d.zone(),
            d.ttl(),
            d.search(),
            d.reverse(),
            d.forward(),
            d.rateLimit(),
            d.transfer(),
            d.limits());
    return new WayfinderConfig(
        c.source(),
        dns,
        c.admin(),
        c.dataDir(),
        c.queryLog(),
        c.tsigKeys(),
        List.of(),
        c.publish(),
        c.cluster(),
        c.diagnostics());
  }
}
