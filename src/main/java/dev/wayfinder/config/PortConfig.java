package dev.wayfinder.config;

/**
 * One entry of a service's {@code ports:}; becomes {@code _name._protocol.S.Z SRV}.
 *
 * @param name the port name, lower case (a DNS label)
 * @param protocol {@code tcp} or {@code udp} (default tcp)
 * @param port 1 to 65535
 */
public record PortConfig(String name, String protocol, int port) {}
