/**
 * Owns the set of services and endpoints (from the config file, later the API and etcd) as
 * immutable values, and tells listeners of every change.
 *
 * <p>May import {@code config}. Knows nothing of health, zones or DNS.
 */
package dev.wayfinder.registry;
