package dev.wayfinder.diagnostics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One target's checks, in the order a client goes through them. A step that could not run because
 * an earlier one failed is {@code null} (DNS, TCP) or not ok with the reason (TLS).
 *
 * @param target {@code HOST:PORT}
 * @param dns the lookup through the upstreams
 * @param tcp the connect, or {@code null} without an address
 * @param tls the handshake with SNI, or {@code null} when the connect failed
 * @param tlsNoSni the handshake without SNI, or {@code null} when the connect failed
 * @param classification what the steps say is wrong, or {@link Classification#HEALTHY}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TargetReport(
    String target,
    DnsResult dns,
    TcpResult tcp,
    TlsResult tls,
    TlsResult tlsNoSni,
    Classification classification) {}
