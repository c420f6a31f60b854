package dev.wayfinder.config;

/**
 * One entry of {@code tsig_keys:}.
 *
 * @param name the key name, lower case, as it appears on the wire
 * @param algorithm e.g. {@code hmac-sha256}
 * @param secret the base64 secret
 */
public record TsigKeyConfig(String name, String algorithm, String secret) {}
