/**
 * Cluster mode: several nodes share one registry and vote on endpoint health through etcd.
 *
 * <p>Owns the node's etcd session (its lease, membership, reconnection), the key layout under the
 * configured prefix, the vote tally that turns every live node's verdict into one state per
 * endpoint, the shared API registry (services, drains, maintenance), and the election of the one
 * node that publishes. etcd holds the truth and leases say who is alive: there is no consensus of
 * its own here.
 *
 * <p>Sees the registry through {@code registry.ServiceSink} and the health checker through its
 * verdict seam; it never touches the zone, DNS or the publishers themselves (the daemon starts and
 * stops publishing when leadership changes).
 */
package dev.wayfinder.cluster;
