package dev.wayfinder.admin;

import dev.wayfinder.cluster.ClusterView;
import dev.wayfinder.config.AdminConfig;
import dev.wayfinder.config.ServiceBodyReader;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.pdns.RemoteBackend;
import dev.wayfinder.publish.PublishEventLog;
import dev.wayfinder.publish.TargetStatus;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.store.StateWrites;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the admin server serves, handed over by the daemon.
 *
 * @param config {@code admin:}: where to listen, the token
 * @param registry the served services; API services are written to its API sink
 * @param health states, last probes, events, drain and maintenance
 * @param metrics rendered at {@code /metrics}
 * @param store where every API change is committed before it is answered (etcd in cluster mode)
 * @param bodies reads a PUT body as one service of the zone
 * @param readiness why the daemon is not ready, or {@code null} when it is ({@code /readyz})
 * @param diagnostics the {@code /diagnostics} report, any value Jackson renders
 * @param cluster cluster mode's state, or null on a single node ({@code /api/v1/cluster} is 404)
 * @param publish every publish target's status, in the order of {@code publish:} ({@code
 *     /api/v1/publish})
 * @param publishEvents publish targets starting to fail and recovering, for the events feed
 * @param pdns PowerDNS's remote backend, served under {@code /pdns/}
 */
public record AdminContext(
    AdminConfig config,
    Registry registry,
    HealthChecker health,
    PrometheusMeterRegistry metrics,
    StateWrites store,
    ServiceBodyReader bodies,
    Supplier<String> readiness,
    Supplier<Object> diagnostics,
    ClusterView cluster,
    Supplier<List<TargetStatus>> publish,
    PublishEventLog publishEvents,
    RemoteBackend pdns) {}
