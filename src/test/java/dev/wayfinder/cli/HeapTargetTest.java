package dev.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class HeapTargetTest {
  private static final long MB = 1L << 20;

  @Test
  void softMaximumFollowsTheLiveHeapWithinFloorAndMaximum() {
    assertThat(HeapTarget.softMax(10 * MB, 4096 * MB)).as("floor").isEqualTo(HeapTarget.FLOOR);
    assertThat(HeapTarget.softMax(100 * MB, 4096 * MB)).isEqualTo(200 * MB);
    assertThat(HeapTarget.softMax(3000 * MB, 4096 * MB)).as("capped").isEqualTo(4096 * MB);
  }

  @Test
  void listensOnlyToTheCollectorThatReportsTheLiveSet() {
    assertThat(HeapTarget.reportsLiveSet("ZGC Major Cycles")).isTrue();
    assertThat(HeapTarget.reportsLiveSet("ZGC Cycles")).as("non-generational ZGC").isTrue();
    assertThat(HeapTarget.reportsLiveSet("ZGC Minor Cycles")).isFalse();
    assertThat(HeapTarget.reportsLiveSet("ZGC Major Pauses")).isFalse();
    assertThat(HeapTarget.reportsLiveSet("ZGC Minor Pauses")).isFalse();
  }

  @Test
  void installsOnlyUnderZgc() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    boolean zgc = "true".equals(vm.getVMOption("UseZGC").getValue());
    assertThat(HeapTarget.install()).isEqualTo(zgc);
  }
}
