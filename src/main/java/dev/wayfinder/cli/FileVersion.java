package dev.wayfinder.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * What a watched file is at one moment, two ways: its stamp (inode, size, modification time; one
 * {@code stat}, cheap enough to poll) and its content's SHA-256 (a read of the whole file). Both
 * follow symbolic links, so a link swapped to another target is another version.
 *
 * <p>A stamp that differs says only "look": a touch changes it and the content not. Equal stamps
 * say "unchanged" unless the stamp is racy: a file rewritten with the same size within the file
 * system's timestamp granularity keeps its modification time, so a stamp taken less than {@link
 * #RACY_MARGIN_NANOS} after that time proves nothing (git's "racily clean" index entries).
 *
 * @param stamp the file's identity, size and modification time, or {@link Stamp#MISSING}
 * @param sha256 the content's digest in hex, or null when the file is missing
 * @param takenNanos the wall-clock time (epoch nanoseconds) the stamp was taken
 */
record FileVersion(Stamp stamp, String sha256, long takenNanos) {
  /** Timestamps of common file systems are coarser than this (a kernel tick at worst). */
  static final long RACY_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * Reads {@code file}: the stamp first, then the content, so a write between the two leaves a
   * stamp older than the content and is looked at again.
   */
  static FileVersion read(Path file) throws IOException {
    long taken = epochNanos();
    Stamp stamp = Stamp.of(file);
    return new FileVersion(stamp, stamp == Stamp.MISSING ? null : sha256(file), taken);
  }

  boolean missing() {
    return sha256 == null;
  }

  /** True when the file's content is the same as {@code other}'s (both missing counts as same). */
  boolean sameContent(FileVersion other) {
    return java.util.Objects.equals(sha256, other.sha256);
  }

  /** True when {@code now} proves nothing changed since this version was read. */
  boolean provesUnchanged(Stamp now) {
    return now.equals(stamp) && !racy();
  }

  private boolean racy() {
    return stamp.modifiedNanos() >= takenNanos - RACY_MARGIN_NANOS;
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    } catch (NoSuchFileException e) {
      return null; // gone between the stat and the read
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static long epochNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /**
   * One {@code stat} of a file, following links.
   *
   * @param fileKey the file system's identity of the file (device and inode), or null
   * @param size its size in bytes
   * @param modifiedNanos its modification time, epoch nanoseconds
   */
  record Stamp(Object fileKey, long size, long modifiedNanos) {
    static final Stamp MISSING = new Stamp(null, -1, Long.MIN_VALUE);

    static Stamp of(Path file) throws IOException {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        long modified = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        return new Stamp(a.fileKey(), a.size(), modified);
      } catch (NoSuchFileException e) {
        return MISSING;
      }
    }
  }
}
