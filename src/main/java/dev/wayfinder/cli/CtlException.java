package dev.wayfinder.cli;

/**
 * Why a {@code wayfinder ctl} command failed, with the exit code scripts test and the one line
 * printed on stderr.
 */
final class CtlException extends Exception {
  /** The admin API cannot be reached, or answered with a server error. */
  static final int FAILURE = 1;

  /** Bad usage: arguments picocli could not reject itself (an unreadable file, a bad URL). */
  static final int USAGE = 2;

  /** 404: no such service or endpoint. */
  static final int NOT_FOUND = 3;

  /** 400, 401, 409, 413: the API refused the call. */
  static final int REFUSED = 4;

  private final int exitCode;

  CtlException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
