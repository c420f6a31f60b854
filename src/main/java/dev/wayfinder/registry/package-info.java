/**
 * Owns the set of services and endpoints (from the config file, later the API and etcd) as
 * immutable values, and tells listeners of every change. An endpoint is the config's own validated
 * {@code EndpointConfig}, kept as it is, not copied into a type of its own.
 *
 * <p>May import {@code config}. Knows nothing of health, zones or DNS.
 */
package dev.wayfinder.registry;
