package dev.wayfinder.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Update;

/** The shape of the update message: minimal, additions before deletions, one message per batch. */
class Rfc2136ClientTest {
  private static final Name ZONE = Name.fromConstantString("example.org.");

  @Test
  void aChangeAddsWhatIsNewAndDeletesWhatLeftWithTheAdditionsFirst() throws Exception {
    Rfc2136Client.NameChange www =
        Rfc2136Client.NameChange.between(
            "www.example.org.",
            30,
            Set.of(ip("10.0.0.1"), ip("10.0.0.2")),
            Set.of(ip("10.0.0.2"), ip("fd00::1")));
    Rfc2136Client.NameChange api =
        Rfc2136Client.NameChange.between(
            "api.example.org.", 60, Set.of(ip("10.0.1.1")), Set.of(ip("10.0.1.2")));

    Update update = Rfc2136Client.message(ZONE, List.of(www, api));

    List<String> rrs =
        update.getSection(Section.UPDATE).stream().map(Rfc2136ClientTest::text).toList();
    assertThat(rrs)
        .containsExactly(
            "IN www.example.org. 30 fd00:0:0:0:0:0:0:1",
            "IN api.example.org. 60 10.0.1.2",
            "NONE www.example.org. 0 10.0.0.1",
            "NONE api.example.org. 0 10.0.1.1");
    assertThat(update.getSection(Section.ZONE).get(0).getName()).isEqualTo(ZONE);
  }

  @Test
  void anUnchangedSetNeedsNoUpdate() throws Exception {
    assertThat(
            Rfc2136Client.NameChange.between(
                    "www.example.org.", 30, Set.of(ip("10.0.0.1")), Set.of(ip("10.0.0.1")))
                .isEmpty())
        .isTrue();
  }

  private static String text(Record r) {
    return DClass.string(r.getDClass())
        + " "
        + r.getName()
        + " "
        + r.getTTL()
        + " "
        + r.rdataToString();
  }

  private static InetAddress ip(String text) throws Exception {
    return InetAddress.getByName(text);
  }
}
