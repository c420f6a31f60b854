package dev.wayfinder.diagnostics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A TLS step: a handshake on a fresh connection, the certificate chain checked against the JDK's
 * trust and the configured CA file, and its names against the target's host.
 *
 * @param ok whether the handshake completed and the certificate is valid for the host
 * @param protocol the negotiated protocol ({@code TLSv1.3}), or {@code null} when it failed
 * @param ms how long the handshake took (the connect included), in milliseconds
 * @param error why it failed, or {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TlsResult(boolean ok, String protocol, long ms, String error) {
  static TlsResult skipped(String why) {
    return new TlsResult(false, null, 0, why);
  }
}
