/**
 * Owns operations: metrics (Micrometer, scraped as Prometheus text), and later the HTTP admin API
 * and dashboard. It binds the other packages' metrics interfaces to Micrometer, so no core package
 * imports a metrics library.
 *
 * <p>May import every package's public API; no package imports {@code admin}.
 */
package dev.wayfinder.admin;
