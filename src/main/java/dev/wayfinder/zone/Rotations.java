package dev.wayfinder.zone;

import java.util.ArrayList;
import java.util.Arrays;
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
    if (items.size() <= 1) {
      return List.of(items);
    }
    int[] weights = new int[items.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = weight.applyAsInt(items.get(i));
    }
    int[][] orders = indexOrders(weights.length, weights, window, seed);
    List<List<T>> out = new ArrayList<>(orders.length);
    for (int[] order : orders) {
      List<T> list = new ArrayList<>(order.length);
      for (int i : order) {
        list.add(items.get(i));
      }
      out.add(list);
    }
    return out;
  }

  /**
   * The orders of {@code n} items as positions {@code 0..n-1}: what {@link #of} gives, without an
   * object per item. Equal weights up to {@link #MAX_VARIANTS} items share one precomputed array
   * per size and window (a zone of 100,000 services has 100,000 rotations of 3): never write to
   * what this returns.
   *
   * @param weights each item's weight, or {@code null} when all are equal
   */
  static int[][] indexOrders(int n, int[] weights, int window, LongSupplier seed) {
    int keep = window > 0 && window < n ? window : n;
    if (n <= 1) {
      return n == 0 ? new int[][] {{}} : ROTATIONS[1][1];
    }
    if (weights == null || equal(weights, n)) {
      return n <= MAX_VARIANTS ? ROTATIONS[n][keep] : shuffles(n, keep, seed.getAsLong());
    }
    return weighted(weights, n, keep, new Random(seed.getAsLong()));
  }

  /**
   * True when {@code orders} (from {@link #indexOrders}) are the rotations of {@code n} items, each
   * cut to the same length: order v is then the items from v on, wrapping around.
   */
  static boolean areRotations(int[][] orders, int n) {
    return n >= 2 && n <= MAX_VARIANTS && orders == ROTATIONS[n][orders[0].length];
  }

  /** The order {@code 0..n-1} (shared up to {@link #MAX_VARIANTS}: never write to it). */
  static int[] identity(int n) {
    if (n >= 1 && n <= MAX_VARIANTS) {
      return ROTATIONS[n][n][0];
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /** {@code ROTATIONS[n][keep]}: the n rotations of n items, each cut to {@code keep}. */
  private static final int[][][][] ROTATIONS = new int[MAX_VARIANTS + 1][][][];

  static {
    for (int n = 1; n <= MAX_VARIANTS; n++) {
      ROTATIONS[n] = new int[n + 1][][];
      for (int keep = 1; keep <= n; keep++) {
        ROTATIONS[n][keep] = rotations(n, keep);
      }
    }
  }

  private static int[][] rotations(int n, int keep) {
    int[][] orders = new int[n][keep];
    for (int first = 0; first < n; first++) {
      for (int i = 0; i < keep; i++) {
        orders[first][i] = (first + i) % n;
      }
    }
    return orders;
  }

  /** {@link Collections#shuffle} of the positions, so the orders are those of the items. */
  private static int[][] shuffles(int n, int keep, long seed) {
    Random random = new Random(seed);
    int[][] orders = new int[MAX_VARIANTS][keep];
    List<Integer> order = new ArrayList<>(n);
    for (int v = 0; v < MAX_VARIANTS; v++) {
      order.clear();
      for (int i = 0; i < n; i++) {
        order.add(i);
      }
      Collections.shuffle(order, random);
      for (int i = 0; i < keep; i++) {
        orders[v][i] = order.get(i);
      }
    }
    return orders;
  }

  private static int[][] weighted(int[] weights, int n, int keep, Random random) {
    int[] leaders = leaders(Arrays.copyOf(weights, n), WEIGHTED_VARIANTS);
    int[][] orders = new int[WEIGHTED_VARIANTS][];
    for (int v = 0; v < WEIGHTED_VARIANTS; v++) {
      int leader = leaders[v];
      List<Keyed> rest = new ArrayList<>(n - 1);
      for (int i = 0; i < n; i++) {
        if (i != leader) {
          double u = random.nextDouble();
          // ln(u)/w orders like u^(1/w) and stays finite for large w.
          double key = weights[i] > 0 ? Math.log(u) / weights[i] : Double.NEGATIVE_INFINITY;
          rest.add(new Keyed(i, key, u));
        }
      }
      rest.sort(Keyed.BEST_FIRST);
      int[] order = new int[keep];
      order[0] = leader;
      for (int r = 1; r < keep; r++) {
        order[r] = rest.get(r - 1).index();
      }
      orders[v] = order;
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

  private static boolean equal(int[] weights, int n) {
    for (int i = 1; i < n; i++) {
      if (weights[i] != weights[0]) {
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
