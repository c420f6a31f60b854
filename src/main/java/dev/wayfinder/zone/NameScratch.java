package dev.wayfinder.zone;

/**
 * Reused arrays for the names a build makes and drops within one service: one array per length, so
 * a name keeps the exact-length {@code byte[]} every name API here takes. A build makes several
 * such names per service (its reverse names, SRV owners, parents, {@code S-N}); fresh arrays for
 * them would be most of a large build's garbage.
 *
 * <p>An array handed out is valid until the next one of the same length from the same scratch: a
 * caller keeps a scratch per purpose, and nothing it passes the names to may keep them (the name
 * table copies what it interns, a {@link TailWriter} only holds its owner until the next answer).
 */
final class NameScratch {
  private final byte[][] byLength = new byte[256][];

  /** An array of exactly {@code length} bytes (at most 255), its old contents garbage. */
  byte[] of(int length) {
    byte[] b = byLength[length];
    if (b == null) {
      b = byLength[length] = new byte[length];
    }
    return b;
  }

  /** {@code into.of(length)}, or a new array when {@code into} is {@code null}. */
  static byte[] array(NameScratch into, int length) {
    return into == null ? new byte[length] : into.of(length);
  }
}
