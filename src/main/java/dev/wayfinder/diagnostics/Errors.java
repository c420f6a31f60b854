package dev.wayfinder.diagnostics;

import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

/** One line for a failed step: the exception's kind and message, its root cause's when nested. */
final class Errors {
  private Errors() {}

  static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof SocketTimeoutException || root instanceof TimeoutException) {
      return "timed out";
    }
    String message = root.getMessage();
    String kind = root.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }
}
