package dev.wayfinder.publish;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Rcode;

/**
 * A failed exchange with an RFC 2136 primary, with its result word for {@code
 * wayfinder_publish_updates_total{result}}: {@code refused}, {@code notauth}, {@code badsig},
 * {@code timeout}, {@code unreachable}, {@code servfail}, or another rcode in lower case.
 */
final class Rfc2136Failure extends Exception {
  private final String result;

  Rfc2136Failure(String result, String message) {
    super(message);
    this.result = result;
  }

  String result() {
    return result;
  }

  /** The result word for a response code other than NOERROR. */
  static String result(int rcode) {
    return Rcode.string(rcode).toLowerCase(Locale.ROOT);
  }

  /** Classifies an I/O failure: a timeout, or anything else as unreachable. */
  static Rfc2136Failure of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
        return new Rfc2136Failure("timeout", "timed out: " + e.getMessage());
      }
      if (t instanceof ConnectException) {
        return new Rfc2136Failure("unreachable", "unreachable: " + t.getMessage());
      }
    }
    return new Rfc2136Failure("unreachable", "unreachable: " + e);
  }
}
