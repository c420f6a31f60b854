package dev.wayfinder.registry;

/**
 * A named service port, published as {@code _name._protocol.S.Z SRV}.
 *
 * @param name port name label
 * @param protocol {@code tcp} or {@code udp}
 * @param port the port number
 */
public record Port(String name, String protocol, int port) {}
