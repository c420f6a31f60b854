/**
 * Owns the domain: services and endpoints as immutable values ({@link
 * dev.wayfinder.registry.Service}, {@link dev.wayfinder.registry.Endpoint}, {@link
 * dev.wayfinder.registry.HealthSpec}, {@link dev.wayfinder.registry.Port}), the set of served
 * services fed per service by sources (the config file, the API's store, etcd) through {@link
 * dev.wayfinder.registry.ServiceSink}, the rule for one name from two sources, and the batches of
 * changes its listeners hear.
 *
 * <p>Imports nothing of Wayfinder's: every other package may import it. Knows nothing of YAML,
 * JSON, health, zones or DNS.
 */
package dev.wayfinder.registry;
