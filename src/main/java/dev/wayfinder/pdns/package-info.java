/**
 * Owns PowerDNS's remote-backend protocol (SPEC.md "Reload, publishing, shutdown"): the JSON calls
 * a stock {@code pdns_server} with {@code launch=remote} makes ({@code initialize}, {@code lookup},
 * {@code getAllDomains}, {@code getDomainInfo}, {@code getAllDomainMetadata}, {@code
 * getDomainMetadata}, {@code list}), answered from the zone snapshot in force ({@link
 * dev.wayfinder.pdns.RemoteBackend}), over a unix socket ({@link
 * dev.wayfinder.pdns.UnixSocketServer}) and, through the admin listener, over HTTP.
 *
 * <p>A package of its own rather than a publish target: PowerDNS pulls, nothing is pushed. Every
 * call reads {@link dev.wayfinder.zone.ZoneView#current()}, so a health change shows in the next
 * answer without any state kept here but an index of the current snapshot's records.
 *
 * <p>May import {@code zone}. Imported by {@code admin} (the HTTP route) and {@code cli} (wiring).
 */
package dev.wayfinder.pdns;
