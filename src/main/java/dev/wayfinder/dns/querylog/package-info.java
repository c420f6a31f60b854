/**
 * Owns the query log: one JSON line per query (or a sample, or the errors), written off the query
 * thread through a bounded queue that drops and counts rather than block.
 *
 * <p>May import {@code config} and {@code dns}'s public API (it is a {@link
 * dev.wayfinder.dns.QueryObserver}); nothing in {@code dns} imports it.
 */
package dev.wayfinder.dns.querylog;
