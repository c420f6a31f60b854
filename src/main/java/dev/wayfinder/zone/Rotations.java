package dev.wayfinder.zone;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * The orders an RRset is served in (round-robin shuffle, precomputed).
 *
 * <p>Equal weights: n records give the n rotations, so each record leads equally often; above
 * {@link #MAX_VARIANTS} records, that many seeded random permutations instead, so memory stays
 * bounded. Unequal weights: {@link #WEIGHTED_VARIANTS} orders whose first records follow the
 * weights exactly (smooth weighted round-robin, so a weight-3 record leads three times as often as
 * a weight-1 one), and whose remaining records are a weighted random permutation (Efraimidis and
 * Spirakis, "Weighted random sampling with a reservoir", 2006: sort by {@code u^(1/w)}); weight 0
 * records come last. With a window ({@code max_answers}) each order is cut to its first records, so
 * the choice of who is answered follows the weights too.
 */
final class Rotations {
  /** Most precomputed orders of one RRset of equal weights. */
  static final int MAX_VARIANTS = 16;

  /** Orders of one weighted RRset: enough that leading shares follow weights to about 3%. */
  static final int WEIGHTED_VARIANTS = 32;

  private Rotations() {}

  /** The orders of {@code items}, all of equal weight. */
  static <T> List<List<T>> of(List<T> items, int window, long seed) {
    return of(items, x -> 1, window, seed);
  }

  /**
   * The orders of {@code items}.
   *
   * @param weight each item's weight, 0 or more
   * @param window most items per order, 0 = all
   * @param seed makes the random permutations reproducible for one name
   */
  static <T> List<List<T>> of(List<T> items, ToIntFunction<T> weight, int window, long seed) {
    return of(items, weight, window, () -> seed);
  }

  /**
   * As {@link #of(List, ToIntFunction, int, long)}, asking for the seed only when random orders are
   * needed (more than {@link #MAX_VARIANTS} equal records, or unequal weights).
   */
  static <T> List<List<T>> of(
      List<T> items, ToIntFunction<T> weight, int window, LongSupplier seed) {
    int n = items.size();
    int keep = window > 0 && window < n ? window : n;
    if (n <= 1) {
      return List.of(items);
    }
    int[] weights = items.stream().mapToInt(weight).toArray();
    if (equal(weights)) {
      return n <= MAX_VARIANTS ? rotations(items, keep) : shuffles(items, keep, seed.getAsLong());
    }
    return weighted(items, weights, keep, new Random(seed.getAsLong()));
  }

  private static <T> List<List<T>> rotations(List<T> items, int keep) {
    int n = items.size();
    List<List<T>> orders = new ArrayList<>(n);
    for (int first = 0; first < n; first++) {
      List<T> order = new ArrayList<>(keep);
      for (int i = 0; i < keep; i++) {
        order.add(items.get((first + i) % n));
      }
      orders.add(order);
    }
    return orders;
  }

  private static <T> List<List<T>> shuffles(List<T> items, int keep, long seed) {
    Random random = new Random(seed);
    List<List<T>> orders = new ArrayList<>(MAX_VARIANTS);
    for (int v = 0; v < MAX_VARIANTS; v++) {
      List<T> order = new ArrayList<>(items);
      Collections.shuffle(order, random);
      orders.add(order.subList(0, keep));
    }
    return orders;
  }

  private static <T> List<List<T>> weighted(List<T> items, int[] weights, int keep, Random random) {
    int[] leaders = leaders(weights, WEIGHTED_VARIANTS);
    List<List<T>> orders = new ArrayList<>(WEIGHTED_VARIANTS);
    for (int leader : leaders) {
      List<Keyed> rest = new ArrayList<>(items.size() - 1);
      for (int i = 0; i < items.size(); i++) {
        if (i != leader) {
          double u = random.nextDouble();
          // ln(u)/w orders like u^(1/w) and stays finite for large w.
          double key = weights[i] > 0 ? Math.log(u) / weights[i] : Double.NEGATIVE_INFINITY;
          rest.add(new Keyed(i, key, u));
        }
      }
      rest.sort(Keyed.BEST_FIRST);
      List<T> order = new ArrayList<>(keep);
      order.add(items.get(leader));
      for (int r = 0; order.size() < keep; r++) {
        order.add(items.get(rest.get(r).index()));
      }
      orders.add(order);
    }
    return orders;
  }

  /**
   * Who leads each of {@code count} orders: smooth weighted round-robin (as nginx balances
   * upstreams), which gives each positive weight its share of leads and spreads them out.
   */
  static int[] leaders(int[] weights, int count) {
    long total = 0;
    for (int w : weights) {
      total += w;
    }
    long[] current = new long[weights.length];
    int[] out = new int[count];
    for (int v = 0; v < count; v++) {
      int best = 0;
      for (int i = 0; i < weights.length; i++) {
        current[i] += weights[i];
        if (current[i] > current[best]) {
          best = i;
        }
      }
      current[best] -= total;
      out[v] = best;
    }
    return out;
  }

  private static boolean equal(int[] weights) {
    for (int w : weights) {
      if (w != weights[0]) {
        return false;
      }
    }
    return true;
  }

  /** An item's random sort key; ties of weight 0 ({@code -inf}) break on {@code u}. */
  private record Keyed(int index, double key, double u) {
    static final Comparator<Keyed> BEST_FIRST =
        Comparator.comparingDouble(Keyed::key).thenComparingDouble(Keyed::u).reversed();
  }
}
