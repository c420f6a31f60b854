package dev.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OldGenTargetTest {
  private static final long MB = 1L << 20;

  @Test
  void aSmallLiveSetIsCollectedOnceItHasGrownBySlack() {
    assertThat(OldGenTarget.due(20 * MB, 10 * MB)).isFalse();
    assertThat(OldGenTarget.due(26 * MB, 10 * MB)).isFalse();
    assertThat(OldGenTarget.due(27 * MB, 10 * MB)).isTrue();
  }

  @Test
  void aLargeLiveSetIsCollectedOnceItHasDoubled() {
    assertThat(OldGenTarget.due(59 * MB, 30 * MB)).isFalse();
    assertThat(OldGenTarget.due(61 * MB, 30 * MB)).isTrue();
  }
}
