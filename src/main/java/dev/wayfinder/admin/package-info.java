/**
 * Owns operations: the HTTP admin API ({@link dev.wayfinder.admin.AdminServer}: health and
 * readiness, the services API with drain and maintenance, events as JSON and Server-Sent Events,
 * diagnostics, the dashboard's static files), metrics (Micrometer, scraped as Prometheus text), and
 * putting the store's state back at start ({@link dev.wayfinder.admin.StateRestore}). It binds the
 * other packages' metrics interfaces to Micrometer, so no core package imports a metrics library.
 *
 * <p>The HTTP server is Netty's HTTP codec: Netty is already the DNS server's I/O, the codec is
 * already a dependency, it streams (a Server-Sent Events response is a chunked response kept open
 * and written to as events arrive), and so the daemon runs no second server stack. The event loop
 * only decodes and writes: answers are made on worker threads, because a change waits for its
 * commit to the store.
 *
 * <p>May import every package's public API; no package imports {@code admin} except {@code cli},
 * which assembles the daemon.
 */
package dev.wayfinder.admin;
