package dev.wayfinder.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;

/** The snapshot's own name encoding agrees with dnsjava's, and the name table finds them. */
class WireNamesTest {
  private static final byte[] ZONE = wire("svc.cluster.local.");

  @Test
  void plainRelativeNamesEncodeAsDnsjavaParsesThem() {
    for (String relative : List.of("web", "Web.Prod", "_http._tcp.db", "s-1", "a1.b2.c3")) {
      assertThat(WireNames.fromRelative(relative, ZONE, null))
          .as(relative)
          .isEqualTo(wire(relative.toLowerCase() + ".svc.cluster.local."));
    }
  }

  @Test
  void anythingElseIsLeftToTheTextParser() {
    for (String relative : List.of("", "a..b", ".a", "a.", "a\\.b", "a b", "é", "x".repeat(64))) {
      assertThat(WireNames.fromRelative(relative, ZONE, null)).as(relative).isNull();
    }
    assertThat(WireNames.extendLabel(wire("x".repeat(62) + ".z."), 0, "-10")).isNull();
    assertThat(WireNames.prepend(ZONE, "no.dots")).isNull();
  }

  @Test
  void derivedNamesMatchTheirTextForms() {
    byte[] service = wire("web.prod.svc.cluster.local.");
    int last = WireNames.lastLabelBefore(service, ZONE.length);
    assertThat(WireNames.extendLabel(service, last, "-12"))
        .isEqualTo(wire("web.prod-12.svc.cluster.local."));
    assertThat(WireNames.prepend(service, "_HTTP", "_tcp"))
        .isEqualTo(wire("_http._tcp.web.prod.svc.cluster.local."));
  }

  @Test
  void ordinalsWrittenInPlaceMatchTheTextSuffix() {
    byte[] service = wire("web.prod.svc.cluster.local.");
    int last = WireNames.lastLabelBefore(service, ZONE.length);
    for (int ordinal : new int[] {0, 7, 10, 99, 100, 123_456, Integer.MAX_VALUE}) {
      assertThat(WireNames.extendLabel(service, last, ordinal, null))
          .as("ordinal %d", ordinal)
          .isEqualTo(WireNames.extendLabel(service, last, "-" + ordinal))
          .isEqualTo(wire("web.prod-" + ordinal + ".svc.cluster.local."));
    }
    assertThat(WireNames.extendLabel(wire("x".repeat(61) + ".z."), 0, 1, null)).isNotNull();
    assertThat(WireNames.extendLabel(wire("x".repeat(61) + ".z."), 0, 10, null)).isNull();
  }

  @Test
  void labelsConcatenateInFrontOfANameUpTo255Bytes() {
    byte[] labels = WireNames.prepend(new byte[0], "_http", "_tcp");
    assertThat(WireNames.concat(labels, wire("web.svc.cluster.local."), null))
        .isEqualTo(wire("_http._tcp.web.svc.cluster.local."));
    byte[] name = wire(("x".repeat(60) + ".").repeat(4));
    assertThat(name.length + labels.length).isGreaterThan(255);
    assertThat(WireNames.concat(labels, name, null)).isNull();
  }

  @Test
  void aTableSizedForMoreNamesShrinksAndStillFindsThem() {
    NameTableBuilder b =
        new NameTableBuilder(100_000, ZONE, WireNames.IN_ADDR_ARPA, WireNames.IP6_ARPA);
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      names.add("s" + i + ".svc.cluster.local.");
      names.add(i % 250 + "." + i / 250 + ".0.10.in-addr.arpa.");
      names.add("n" + i + ".example.org.");
    }
    for (String n : names) {
      assertThat(b.intern(wire(n))).isEqualTo(names.indexOf(n));
    }
    NameTable table = b.build();
    assertThat(table.bytes()).isLessThan(100_000L * 4);
    for (String n : names) {
      byte[] w = wire(n);
      assertThat(table.get(w, w.length)).as(n).isEqualTo(names.indexOf(n));
    }
    byte[] missing = wire("s500.svc.cluster.local.");
    assertThat(table.get(missing, missing.length)).isEqualTo(-1);
  }

  /** Past 65,536 entries (all three bytes of a record's entry number) and through every rehash. */
  @Test
  void aTableGrownFromSmallFindsEveryEntryAndNoOther() {
    NameTableBuilder b = new NameTableBuilder(16, ZONE, WireNames.IN_ADDR_ARPA, WireNames.IP6_ARPA);
    int count = 70_000;
    for (int i = 0; i < count; i++) {
      assertThat(b.intern(numbered(i))).isEqualTo(i);
    }
    assertThat(b.intern(numbered(65_537))).as("interned again").isEqualTo(65_537);
    NameTable table = b.build();
    assertThat(table.size()).isEqualTo(count);
    for (int i = 0; i < count; i++) {
      byte[] w = numbered(i);
      assertThat(table.get(w, w.length)).isEqualTo(i);
    }
    assertThat(table.name(69_999)).isEqualTo(numbered(69_999));
    for (int i = count; i < count + 1000; i++) {
      byte[] w = numbered(i);
      assertThat(table.get(w, w.length)).isEqualTo(-1);
    }
  }

  /** Zone names, reverse names and names under no suffix, by number. */
  private static byte[] numbered(int i) {
    return wire(
        switch (i % 3) {
          case 0 -> "s" + i + ".svc.cluster.local.";
          case 1 -> (i & 255) + "." + (i >> 8 & 255) + "." + (i >> 16) + ".10.in-addr.arpa.";
          default -> "n" + i + ".example.org.";
        });
  }

  @Test
  void reverseNamesMatchDnsjava() throws Exception {
    for (String address :
        List.of("10.0.0.1", "198.51.100.255", "0.0.0.0", "2001:db8::1:ff", "::1")) {
      InetAddress a = InetAddress.getByName(address);
      assertThat(WireNames.reverse(a.getAddress(), null))
          .as(address)
          .isEqualTo(ReverseMap.fromAddress(a).toWireCanonical());
    }
  }

  @Test
  void namesMadeInAScratchEqualNewOnesAndReuseOneArrayPerLength() throws Exception {
    NameScratch scratch = new NameScratch();
    byte[] service = WireNames.fromRelative("web", ZONE, null);
    int last = WireNames.lastLabelBefore(service, ZONE.length);
    // Garbage first: a reused array's old bytes must all be overwritten.
    java.util.Arrays.fill(scratch.of(service.length + 2), (byte) 0x7f);
    byte[] first = WireNames.extendLabel(service, last, 1, scratch);
    assertThat(first).isEqualTo(WireNames.extendLabel(service, last, 1, null));
    byte[] second = WireNames.extendLabel(service, last, 2, scratch);
    assertThat(second).isSameAs(first).isEqualTo(WireNames.extendLabel(service, last, 2, null));
    assertThat(WireNames.extendLabel(service, last, 10, scratch)).isNotSameAs(first);

    byte[] labels = WireNames.prepend(new byte[0], "_http", "_tcp");
    assertThat(WireNames.concat(labels, service, scratch))
        .isEqualTo(WireNames.concat(labels, service, null));
    assertThat(WireNames.fromRelative("a.b", ZONE, scratch))
        .isEqualTo(WireNames.fromRelative("a.b", ZONE, null));
    for (String address : List.of("10.0.0.1", "10.0.0.2", "198.51.100.255", "2001:db8::1")) {
      byte[] a = InetAddress.getByName(address).getAddress();
      assertThat(WireNames.reverse(a, scratch)).as(address).isEqualTo(WireNames.reverse(a, null));
    }
  }

  @Test
  void theTableFindsNamesWithAndWithoutAStoredSuffix() {
    NameTableBuilder b = new NameTableBuilder(4, ZONE, WireNames.IN_ADDR_ARPA, WireNames.IP6_ARPA);
    List<String> names =
        List.of(
            "svc.cluster.local.",
            "web.svc.cluster.local.",
            "1.0.0.10.in-addr.arpa.",
            "example.org.",
            "a.b.c.d.e.f.g.h.i.svc.cluster.local.");
    for (String n : names) {
      assertThat(b.intern(wire(n))).isEqualTo(names.indexOf(n));
    }
    assertThat(b.intern(wire("web.svc.cluster.local."))).isEqualTo(1);
    NameTable table = b.build();
    for (String n : names) {
      byte[] w = wire(n);
      assertThat(table.get(w, w.length)).as(n).isEqualTo(names.indexOf(n));
      assertThat(table.name(names.indexOf(n))).isEqualTo(w);
      // The same name as the labels before a search suffix, without its root label.
      byte[] longer = wire(n + "default.svc.cluster.local.");
      assertThat(table.getPrefix(longer, w.length - 1)).as(n).isEqualTo(names.indexOf(n));
    }
    for (String n : List.of("xsvc.cluster.local.", "cluster.local.", "web.svc.cluster.locale.")) {
      byte[] w = wire(n);
      assertThat(table.get(w, w.length)).as(n).isEqualTo(-1);
    }
  }

  private static byte[] wire(String name) {
    return Name.fromConstantString(name).toWireCanonical();
  }
}
