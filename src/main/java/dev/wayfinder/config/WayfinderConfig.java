package dev.wayfinder.config;

import dev.wayfinder.registry.Service;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole daemon configuration, validated and immutable. Built only by {@link ConfigLoader}.
 *
 * @param source the file it was read from, or {@code null} for the built-in default
 * @param dns the DNS server ({@code dns:})
 * @param admin the admin HTTP listener ({@code admin:})
 * @param dataDir durable state directory ({@code data_dir}, default {@code ./data})
 * @param queryLog query logging ({@code query_log}, default sampled at 0.1)
 * @param tsigKeys named TSIG keys ({@code tsig_keys}, default none)
 * @param services services from the file ({@code services}, default none)
 * @param publish publishing targets ({@code publish}, default none)
 * @param cluster cluster mode, or {@code null} for a single node (the default)
 * @param diagnostics what {@code GET /diagnostics} checks ({@code diagnostics:}, default none)
 */
public record WayfinderConfig(
    Path source,
    DnsConfig dns,
    AdminConfig admin,
    Path dataDir,
    QueryLogConfig queryLog,
    List<TsigKeyConfig> tsigKeys,
    List<Service> services,
    List<PublishConfig> publish,
    ClusterConfig cluster,
    DiagnosticsConfig diagnostics) {

  public WayfinderConfig {
    tsigKeys = List.copyOf(tsigKeys);
    services = List.copyOf(services);
    publish = List.copyOf(publish);
  }

  /**
   * This config with no services: what a daemon keeps once its registry holds them, so the services
   * have one owner and a reload's diff is against the registry, not a stale list.
   */
  public WayfinderConfig withoutServices() {
    return new WayfinderConfig(
        source, dns, admin, dataDir, queryLog, tsigKeys, List.of(), publish, cluster, diagnostics);
  }
}
