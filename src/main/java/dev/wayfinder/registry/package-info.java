/**
 * Owns the domain: services and endpoints as immutable values ({@link
 * dev.wayfinder.registry.Service}, {@link dev.wayfinder.registry.Endpoint}, {@link
 * dev.wayfinder.registry.HealthSpec}, {@link dev.wayfinder.registry.Port}), the rules a service
 * must follow whatever its source ({@link dev.wayfinder.registry.ServiceValidator} turns a {@link
 * dev.wayfinder.registry.ServiceDraft} into a {@code Service} or problems at paths relative to the
 * service; {@link dev.wayfinder.registry.ServiceNames} keeps names unique and owner names apart),
 * the set of served services fed per service by sources (the config file, the API's store, etcd)
 * through {@link dev.wayfinder.registry.ServiceSink}, the rule for one name from two sources, and
 * the batches of changes its listeners hear.
 *
 * <p>Imports nothing of Wayfinder's: every other package may import it. Knows the rules of DNS
 * names and IP literals a service's values must follow ({@link dev.wayfinder.registry.DnsNames},
 * {@link dev.wayfinder.registry.IpLiteral}), nothing of YAML, JSON, health probing, zones or DNS
 * serving.
 */
package dev.wayfinder.registry;
