/**
 * Owns the egress diagnostics behind {@code GET /diagnostics}: for each configured target, DNS
 * resolution through the daemon's upstreams, a TCP connect, TLS handshakes with and without SNI,
 * and one {@link dev.wayfinder.diagnostics.Classification} of what is wrong. The entry point is
 * {@link dev.wayfinder.diagnostics.Diagnostics#run()}; its result is Jackson-serializable records
 * in snake_case.
 *
 * <p>May import {@code config} (its {@link dev.wayfinder.config.DiagnosticsConfig}) and dnsjava.
 * Nothing on the query path imports it; {@code admin} and {@code cli} call it.
 */
package dev.wayfinder.diagnostics;
