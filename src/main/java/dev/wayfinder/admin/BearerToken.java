package dev.wayfinder.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code admin.token}: a request to a guarded path must carry {@code Authorization: Bearer TOKEN}.
 * The comparison takes the same time wherever the first difference is ({@link
 * MessageDigest#isEqual}), so the token cannot be guessed byte by byte from timings. The token is
 * never logged or rendered.
 */
final class BearerToken {
  private static final String PREFIX = "Bearer ";

  /** Null when no token is set: everything is open. */
  private final byte[] token;

  BearerToken(String token) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether {@code path} needs the token: {@code /api/*}, {@code /metrics}, {@code /diagnostics}.
   */
  static boolean guards(String path) {
    return path.startsWith("/api/")
        || path.equals("/api")
        || path.equals("/metrics")
        || path.equals("/diagnostics");
  }

  /** Whether a request with this {@code Authorization} header (or null) may pass. */
  boolean admits(String authorization) {
    if (token == null) {
      return true;
    }
    if (authorization == null
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] given =
        authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(token, given);
  }
}
