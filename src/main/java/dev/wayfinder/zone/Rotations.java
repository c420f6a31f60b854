package dev.wayfinder.zone;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The orders an RRset is served in (round-robin shuffle, precomputed): n records give the n
 * rotations, so each record leads equally often; above {@link #MAX_VARIANTS} records, that many
 * seeded random permutations instead, so memory stays bounded. With a window ({@code max_answers})
 * each order is cut to its first records, and the rotations make every record answered in turn.
 */
final class Rotations {
  /** Most precomputed orders of one RRset. */
  static final int MAX_VARIANTS = 16;

  private Rotations() {}

  /**
   * The orders of {@code items}.
   *
   * @param window most items per order, 0 = all
   * @param seed makes the random permutations reproducible for one name
   */
  static <T> List<List<T>> of(List<T> items, int window, long seed) {
    int n = items.size();
    int keep = window > 0 && window < n ? window : n;
    if (n <= 1) {
      return List.of(items);
    }
    List<List<T>> orders = new ArrayList<>(Math.min(n, MAX_VARIANTS));
    if (n <= MAX_VARIANTS) {
      for (int first = 0; first < n; first++) {
        List<T> order = new ArrayList<>(keep);
        for (int i = 0; i < keep; i++) {
          order.add(items.get((first + i) % n));
        }
        orders.add(order);
      }
      return orders;
    }
    Random random = new Random(seed);
    for (int v = 0; v < MAX_VARIANTS; v++) {
      List<T> order = new ArrayList<>(items);
      Collections.shuffle(order, random);
      orders.add(order.subList(0, keep));
    }
    return orders;
  }
}
