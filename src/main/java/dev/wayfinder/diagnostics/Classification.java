package dev.wayfinder.diagnostics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a target's checks say is wrong, the first failing step deciding: the steps run in the order
 * a client's connection goes through them, so a later step is only meaningful when the earlier ones
 * worked.
 */
public enum Classification {
  /** Every step worked, the TLS handshake without SNI included. */
  HEALTHY,
  /** The upstreams answered NXDOMAIN, SERVFAIL or another error, no address, or nothing in time. */
  DNS_RESOLUTION_FAILED,
  /** The TCP connect to the first address was refused, unreachable or timed out. */
  EGRESS_BLOCKED_OR_NETWORK,
  /** The TLS handshake with SNI failed: no TLS there, or a certificate not valid for the name. */
  TLS_HANDSHAKE_FAILED,
  /**
   * The handshake with SNI worked and the one without failed: clients that send no SNI (old
   * libraries, IP-based probes) cannot reach the target.
   */
  TLS_SNI_REQUIRED;

  /** The JSON word: {@code tls_sni_required}. */
  @JsonValue
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The classification of a target's step results, the first failing step deciding. */
  static Classification of(DnsResult dns, TcpResult tcp, TlsResult tls, TlsResult tlsNoSni) {
    if (dns == null || !dns.ok()) {
      return DNS_RESOLUTION_FAILED;
    }
    if (tcp == null || !tcp.ok()) {
      return EGRESS_BLOCKED_OR_NETWORK;
    }
    if (tls == null || !tls.ok()) {
      return TLS_HANDSHAKE_FAILED;
    }
    if (tlsNoSni == null || !tlsNoSni.ok()) {
      return TLS_SNI_REQUIRED;
    }
    return HEALTHY;
  }
}
