package dev.wayfinder.config;

/**
 * One problem in a config file, printed as {@code FILE:LINE: path.to.key: message}.
 *
 * @param file the file name as it was given
 * @param line 1-based line of the offending key or value (0 when unknown)
 * @param path the key path, list items as {@code services[0].endpoints[1].address}
 * @param message what is wrong, with the bad value where it helps
 */
public record ConfigError(String file, int line, String path, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + path + ": " + message;
  }
}
