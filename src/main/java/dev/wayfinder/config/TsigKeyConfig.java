package dev.wayfinder.config;

import java.util.List;

/**
 * One entry of {@code tsig_keys:}.
 *
 * @param name the key name, lower case, as it appears on the wire
 * @param algorithm e.g. {@code hmac-sha256}
 * @param secret the base64 secret
 */
public record TsigKeyConfig(String name, String algorithm, String secret) {

  /**
   * The entry of {@code keys} named {@code name} (names are case-insensitive, as on the wire).
   *
   * @throws IllegalArgumentException when there is none (the config reader rejects such a reference
   *     first)
   */
  public static TsigKeyConfig named(List<TsigKeyConfig> keys, String name) {
    for (TsigKeyConfig key : keys) {
      if (key.name().equalsIgnoreCase(name)) {
        return key;
      }
    }
    throw new IllegalArgumentException("no such key in tsig_keys: " + name);
  }

  /** Hides the secret: configs end up in logs and exception messages. */
  @Override
  public String toString() {
    return "TsigKeyConfig[name=" + name + ", algorithm=" + algorithm + ", secret=***]";
  }
}
