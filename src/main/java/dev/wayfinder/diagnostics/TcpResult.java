package dev.wayfinder.diagnostics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The TCP step: a connect to the first resolved address on the target's port.
 *
 * @param ok whether the connect completed
 * @param address the address tried, {@code IP:PORT}
 * @param ms how long the connect took (or until it failed), in milliseconds
 * @param error why it failed (refused, unreachable, timed out), or {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TcpResult(boolean ok, String address, long ms, String error) {}
