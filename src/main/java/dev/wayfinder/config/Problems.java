package dev.wayfinder.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every {@link ConfigError} of one load, so all of them are reported at once. */
final class Problems {
  private final String file;
  private final List<ConfigError> errors = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  void add(int line, String path, String message) {
    errors.add(new ConfigError(file, line, path, message));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** Throws every error collected so far, in file order, when there is any. */
  void throwIfAny() throws ConfigException {
    if (!errors.isEmpty()) {
      List<ConfigError> sorted = new ArrayList<>(errors);
      sorted.sort(Comparator.comparingInt(ConfigError::line)); // stable: same line keeps order
      throw new ConfigException(sorted);
    }
  }
}
