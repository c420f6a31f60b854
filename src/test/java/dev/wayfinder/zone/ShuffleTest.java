package dev.wayfinder.zone;

import static dev.wayfinder.zone.WireClient.ask;
import static dev.wayfinder.zone.WireClient.find;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Round-robin variants: same records, different orders; windows cover every member. */
class ShuffleTest {
  static final ZoneSnapshot ZONE = ZoneSnapshotTest.ZONE;

  @Test
  void eachRotationLeadsWithADifferentRecord() throws IOException {
    ZoneAnswer a = find(ZONE, "web.svc.cluster.local", Type.A);
    assertThat(a.variantCount()).isEqualTo(2);
    assertThat(a.variant(0)).isNotEqualTo(a.variant(1));

    List<Record> first = ask(ZONE, "web.svc.cluster.local", Type.A, 0).getSection(Section.ANSWER);
    List<Record> second = ask(ZONE, "web.svc.cluster.local", Type.A, 1).getSection(Section.ANSWER);
    assertThat(first).containsExactlyInAnyOrderElementsOf(second);
    assertThat(first.get(0)).isNotEqualTo(second.get(0));
  }

  @Test
  void rotationsAreWindowsOfOneRecordSequence() {
    // Two A records of 16 bytes each: rotation 1 starts one record after rotation 0, in one block.
    byte[] name = WireClient.absolute("web.svc.cluster.local").toWireCanonical();
    ZoneAnswer a = ZONE.find(name, name.length, Type.A); // the view itself: find() detaches
    byte[] first = a.variant(0);
    assertThat(a.tailLength(1)).isEqualTo(first.length).isEqualTo(32);
    assertThat(a.tailOffset(1) - a.tailOffset(0)).isEqualTo(16);
    byte[] rotated = new byte[32];
    System.arraycopy(first, 16, rotated, 0, 16);
    System.arraycopy(first, 0, rotated, 16, 16);
    assertThat(a.variant(1)).isEqualTo(rotated);
  }

  @Test
  void srvIsOneVariantUnlessWindowed() {
    // Clients order SRV by priority and weight themselves (RFC 2782): one order is enough.
    assertThat(find(ZONE, "_http._tcp.web.svc.cluster.local", Type.SRV).variantCount())
        .isEqualTo(1);
  }

  @Test
  void srvWindowsCarryExactlyTheirTargetsAddresses() throws IOException {
    ZoneAnswer srv = find(ZONE, "_x._udp.big.svc.cluster.local", Type.SRV);
    assertThat(srv.variantCount()).isEqualTo(5);
    assertThat(srv.ancount()).isEqualTo(2);
    Set<Object> allTargets = new HashSet<>();
    for (int v = 0; v < srv.variantCount(); v++) {
      var m = ask(ZONE, "_x._udp.big.svc.cluster.local", Type.SRV, v);
      Set<Object> targets = new HashSet<>();
      m.getSection(Section.ANSWER).forEach(r -> targets.add(r.getAdditionalName()));
      Set<Object> glued = new HashSet<>();
      m.getSection(Section.ADDITIONAL).forEach(r -> glued.add(r.getName()));
      assertThat(glued).isEqualTo(targets).hasSize(2);
      allTargets.addAll(targets);
    }
    assertThat(allTargets).hasSize(5);
  }

  @Test
  void maxAnswersWindowsAnswerEveryMemberOverTime() throws IOException {
    ZoneAnswer big = find(ZONE, "big.svc.cluster.local", Type.A);
    assertThat(big.ancount()).isEqualTo(2);
    assertThat(big.variantCount()).isEqualTo(5);
    Set<String> seen = new HashSet<>();
    for (int v = 0; v < big.variantCount(); v++) {
      List<Record> answer =
          ask(ZONE, "big.svc.cluster.local", Type.A, v).getSection(Section.ANSWER);
      assertThat(answer).hasSize(2);
      answer.forEach(r -> seen.add(r.rdataToString()));
    }
    assertThat(seen)
        .containsExactlyInAnyOrder("10.3.0.1", "10.3.0.2", "10.3.0.3", "10.3.0.4", "10.3.0.5");
  }

  @Test
  void largeRrsetsGetBoundedSeededPermutations() {
    List<Integer> items = java.util.stream.IntStream.range(0, 40).boxed().toList();
    List<List<Integer>> orders = Rotations.of(items, 0, 42);
    assertThat(orders).hasSize(Rotations.MAX_VARIANTS);
    orders.forEach(o -> assertThat(o).containsExactlyInAnyOrderElementsOf(items));
    assertThat(new HashSet<>(orders)).hasSizeGreaterThan(1);
    assertThat(Rotations.of(items, 0, 42)).isEqualTo(orders);
    assertThat(Rotations.of(items, 3, 42)).allMatch(o -> o.size() == 3);
  }
}
