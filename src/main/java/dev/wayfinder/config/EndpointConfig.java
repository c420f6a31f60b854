package dev.wayfinder.config;

import java.net.InetAddress;

/**
 * One entry of a service's {@code endpoints:}.
 *
 * @param address an IPv4 or IPv6 literal
 * @param hostname a DNS label giving the instance name {@code H.S.Z}, or {@code null} (default)
 * @param weight relative weight, 0 to 65535 (default 1)
 * @param priority tier, lower is preferred, 0 to 65535 (default 0)
 */
public record EndpointConfig(InetAddress address, String hostname, int weight, int priority) {}
