package dev.wayfinder.zone;

import java.util.Arrays;

/** Allocation-free helpers over wire-format names (RFC 1035 3.1): length-prefixed labels. */
final class WireNames {
  /** A label length byte above this is a compression pointer or garbage, never a label. */
  private static final int MAX_LABEL = 63;

  private WireNames() {}

  /**
   * Where {@code suffix} (a whole wire name) starts in {@code name[0, len)} when {@code name} is
   * {@code suffix} or below it, cut at a label boundary; -1 otherwise. Byte-wise: both must
   * already be lower case.
   */
  static int suffixStart(byte[] name, int len, byte[] suffix) {
    int target = len - suffix.length;
    if (target < 0) {
      return -1;
    }
    int i = 0;
    while (i < target) {
      int label = name[i] & 0xff;
      if (label == 0 || label > MAX_LABEL) {
        return -1;
      }
      i += label + 1;
    }
    return i == target && Arrays.equals(name, i, len, suffix, 0, suffix.length) ? i : -1;
  }
}
