package dev.wayfinder.registry;

/**
 * What is wrong with one value of a {@link ServiceDraft}.
 *
 * @param path the key's path relative to the service, list items by index: {@code name}, {@code
 *     endpoints[1].address}, {@code health.interval}; {@code endpoints[1]} for an endpoint as a
 *     whole
 * @param message what is wrong, with the bad value where it helps
 */
public record ServiceProblem(String path, String message) {
  /** The message of a required key that is not given. */
  public static final String REQUIRED = "is required";

  /** Whether this is a required key not given, rather than a value refused. */
  public boolean missing() {
    return message.equals(REQUIRED);
  }
}
