package dev.wayfinder.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The orders as positions ({@link Rotations#indexOrders}, what the builder uses) are exactly the
 * orders of items ({@link Rotations#of}), and those are what the list-based code made before.
 */
class RotationsTest {
  @Test
  void equalWeightsGiveTheRotationsCutToTheWindow() {
    assertThat(Rotations.indexOrders(3, null, 0, () -> 1))
        .isDeepEqualTo(new int[][] {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}});
    assertThat(Rotations.indexOrders(3, new int[] {5, 5, 5, 9}, 2, () -> 1))
        .isDeepEqualTo(new int[][] {{0, 1}, {1, 2}, {2, 0}});
    assertThat(Rotations.identity(4)).containsExactly(0, 1, 2, 3);
    assertThat(Rotations.identity(20)).containsExactly(IntStream.range(0, 20).toArray());
  }

  @Test
  void manyEqualRecordsAreShuffledAsCollectionsShuffleDid() {
    List<Integer> items = IntStream.range(0, 40).boxed().toList();
    Random random = new Random(42);
    List<List<Integer>> expected = new ArrayList<>();
    for (int v = 0; v < Rotations.MAX_VARIANTS; v++) {
      List<Integer> order = new ArrayList<>(items);
      Collections.shuffle(order, random);
      expected.add(order.subList(0, 5));
    }
    assertThat(Rotations.of(items, 5, 42)).isEqualTo(expected);
  }

  @Test
  void positionsAndItemsAgree() {
    List<String> items = List.of("a", "b", "c", "d", "e");
    int[] weights = {3, 1, 0, 2, 1};
    int[][] positions = Rotations.indexOrders(5, weights, 3, () -> 77);
    List<List<String>> orders = Rotations.of(items, s -> weights[items.indexOf(s)], 3, 77);
    assertThat(positions.length).isEqualTo(Rotations.WEIGHTED_VARIANTS);
    for (int v = 0; v < positions.length; v++) {
      List<String> fromPositions = new ArrayList<>();
      for (int p : positions[v]) {
        fromPositions.add(items.get(p));
      }
      assertThat(fromPositions).as("order %d", v).isEqualTo(orders.get(v));
    }
  }
}
