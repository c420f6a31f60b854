package dev.wayfinder.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC.md "Endpoint state": {@code weight} biases the order and the choice under max_answers. */
class WeightedShuffleTest {
  private static final Map<String, Integer> WEIGHTS = Map.of("a", 3, "b", 1, "c", 0);

  @Test
  void leadsFollowTheWeightsExactly() {
    List<List<String>> orders = Rotations.of(List.of("a", "b", "c"), WEIGHTS::get, 0, 1);

    assertThat(orders).hasSize(Rotations.WEIGHTED_VARIANTS);
    Map<String, Integer> leads = new HashMap<>();
    orders.forEach(o -> leads.merge(o.get(0), 1, Integer::sum));
    assertThat(leads).containsEntry("a", 24).containsEntry("b", 8).doesNotContainKey("c");
  }

  @Test
  void weightZeroComesLastAndEveryOrderIsAPermutation() {
    List<List<String>> orders = Rotations.of(List.of("c", "a", "b"), WEIGHTS::get, 0, 1);
    assertThat(orders)
        .allSatisfy(o -> assertThat(o).containsExactlyInAnyOrder("a", "b", "c").endsWith("c"));
  }

  @Test
  void theWindowChoosesByWeight() {
    List<String> items = List.of("w1", "w2", "w3", "w4");
    Map<String, Integer> weights = Map.of("w1", 1, "w2", 1, "w3", 1, "w4", 5);
    List<List<String>> orders = Rotations.of(items, weights::get, 1, 9);

    assertThat(orders).allSatisfy(o -> assertThat(o).hasSize(1));
    long heavy = orders.stream().filter(o -> o.get(0).equals("w4")).count();
    assertThat(heavy).isEqualTo(20); // 5/8 of 32
  }

  @Test
  void weightedOrdersAreReproducibleForOneSeed() {
    List<String> items = List.of("a", "b", "c");
    assertThat(Rotations.of(items, WEIGHTS::get, 0, 5))
        .isEqualTo(Rotations.of(items, WEIGHTS::get, 0, 5));
  }

  @Test
  void equalWeightsKeepPlainRotations() {
    List<List<String>> orders = Rotations.of(List.of("a", "b"), x -> 7, 0, 1);
    assertThat(orders).containsExactly(List.of("a", "b"), List.of("b", "a"));
  }
}
